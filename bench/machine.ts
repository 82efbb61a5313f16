import { cpus, totalmem } from 'node:os';

/** One line describing this machine: cores, CPU model, memory and Node version. */
export function describeMachine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cores.length} cores, ${model}, ${memoryGiB} GiB memory, Node ${process.version}`;
}
