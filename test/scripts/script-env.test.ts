import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_PORT, loadScriptEnv } from '../../scripts/script-env.ts';

function envError(env: Record<string, string>): string {
  try {
    loadScriptEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`loadScriptEnv accepted ${JSON.stringify(env)}`);
}

describe('CRM_PORT', () => {
  it('defaults when unset or empty', () => {
    expect(loadScriptEnv({}).CRM_PORT).toBe(DEFAULT_CRM_PORT);
    expect(loadScriptEnv({ CRM_PORT: '' }).CRM_PORT).toBe(DEFAULT_CRM_PORT);
  });

  it('reads a port number', () => {
    expect(loadScriptEnv({ CRM_PORT: '38788' }).CRM_PORT).toBe(38788);
  });

  it('names the variable and value when invalid', () => {
    for (const value of ['abc', '1.5', '70000', '-1']) {
      const message = envError({ CRM_PORT: value });
      expect(message, value).toContain(`CRM_PORT: must be a`);
      expect(message, value).toContain(`(got "${value}")`);
      expect(message, value).not.toContain('NaN');
    }
  });

  it('stops npm start before the build', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, CRM_PORT: 'abc', DELETE_GUARD_SKIP_BUILD: '1', DELETE_GUARD_DATA: '/nonexistent/never-created.json' },
      encoding: 'utf8',
      timeout: 15_000,
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CRM_PORT: must be a port number from 0 to 65535 (got "abc")');
  });
});
