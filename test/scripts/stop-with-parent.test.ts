import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const dir = mkdtempSync(join(tmpdir(), 'delete-guard-parent-'));
    const markerFile = join(dir, 'stopped');
    // The parent plays the shell that npm starts: it starts the script, then is killed without passing the signal on.
    const parentScript = `require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(fixture)}, ${JSON.stringify(markerFile)}], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 60000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [firstLine] = (await once(parent.stdout!, 'data')) as [Buffer];
    const childPid = Number(firstLine.toString().trim());

    try {
      expect(isRunning(childPid)).toBe(true);
      parent.kill('SIGKILL');
      await once(parent, 'exit');

      await expect.poll(() => existsSync(markerFile), { timeout: 10_000, interval: 100 }).toBe(true);
      expect(readFileSync(markerFile, 'utf8')).toBe('stopped');
    } finally {
      if (isRunning(childPid)) process.kill(childPid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
