/** Runs async tasks one at a time, in the order they were queued. */
export interface TaskQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Creates an in-process queue; a failed task does not stop the ones after it. */
export function createTaskQueue(): TaskQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
