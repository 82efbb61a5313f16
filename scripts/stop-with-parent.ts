/** How often the parent process is checked, in milliseconds. */
const PARENT_CHECK_MS = 1_000;

/**
 * Calls `stop` once the process that started this one has exited. npm 10
 * passes SIGTERM only to the shell it starts for a script, so `kill <npm pid>`
 * leaves that shell's child running with a new parent (pid 1 or a subreaper).
 * A changed `process.ppid` is that sign. The timer does not keep the process alive.
 */
export function stopWithParent(stop: () => void): void {
  const parentPid = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;
    clearInterval(timer);
    process.stderr.write(`The parent process ${parentPid} exited, so this process stops too.\n`);
    stop();
  }, PARENT_CHECK_MS);
  timer.unref();
}
