import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Source of the server secret, for the startup log. */
export type SecretSource = 'environment' | 'existing-file' | 'new-file';

/** Returns the path of the key file that belongs to a data file. */
export function secretFileFor(dataFile: string): string {
  return `${dataFile}.secret`;
}

/**
 * Loads the secret that keys the code hashes: DELETE_GUARD_SECRET when given,
 * else the key file beside the data file, created with mode 0600 on first start.
 * Changing the secret makes every issued code and pending verification invalid.
 */
export async function loadSecret(dataFile: string, fromEnvironment?: string): Promise<{ secret: string; source: SecretSource; file?: string }> {
  if (fromEnvironment) return { secret: fromEnvironment, source: 'environment' };

  const file = secretFileFor(dataFile);
  await mkdir(dirname(file), { recursive: true });
  try {
    const handle = await open(file, 'wx', 0o600);
    const secret = randomBytes(32).toString('hex');
    await handle.writeFile(`${secret}\n`);
    await handle.sync();
    await handle.close();
    return { secret, source: 'new-file', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`Failed to create the secret file ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) {
    throw new Error(`Failed to load the secret file ${file}: it contains fewer than 32 characters. Restore it from a backup, or delete it so a new one is created (issued codes then stop working).`);
  }
  const mode = (await stat(file)).mode & 0o777;
  // Windows reports no POSIX permission bits, so the check applies elsewhere only.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`Failed to load the secret file ${file}: other users can read it (mode ${mode.toString(8)}). Run chmod 600 on it.`);
  }
  return { secret, source: 'existing-file', file };
}
