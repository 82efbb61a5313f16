import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/stops-with-parent.ts', import.meta.url));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('stopWithParent', () => {
  it('stops once the parent is killed', async () => {
    // The parent stands in for the shell npm starts: it starts the script and is then killed, signalling nothing on.
    const parent = spawn(process.execPath, ['-e', `require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(fixture)}], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 60000);`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [firstLine] = (await once(parent.stdout!, 'data')) as [Buffer];
    const childPid = Number(firstLine.toString().trim());
    expect(isRunning(childPid)).toBe(true);

    parent.kill('SIGKILL');
    await once(parent, 'exit');

    try {
      await expect.poll(() => isRunning(childPid), { timeout: 5_000, interval: 100 }).toBe(false);
    } finally {
      if (isRunning(childPid)) process.kill(childPid, 'SIGKILL');
    }
  });
});
