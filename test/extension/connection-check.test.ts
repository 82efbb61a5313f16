import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../extension/components/messages.ts';
import type { ApiResult } from '../../extension/lib/api-port.ts';
import { describeConnectionCheck } from '../../extension/options/connection-check.ts';
import type { Settings } from '../../shared/api/settings.ts';

const SAVED = { apiUrl: 'http://127.0.0.1:8787', apiKey: 'dg_live_abc' };

function failed(status: number, code: string): ApiResult<Settings> {
  return { ok: false, status, error: { code, message: `${code} from the API` } } as ApiResult<Settings>;
}

describe('describeConnectionCheck', () => {
  it('names the company on success', () => {
    const result = { ok: true, data: { company: 'Demo Company' } } as ApiResult<Settings>;
    expect(describeConnectionCheck(result, SAVED)).toEqual({ kind: 'ok', text: 'Saved. Connected to Demo Company.' });
  });

  it('asks whether the API runs at the URL', () => {
    const check = describeConnectionCheck(failed(0, 'API_UNREACHABLE'), SAVED);
    expect(check.kind).toBe('error');
    expect(check.text).toContain("can't reach http://127.0.0.1:8787. Is the Delete Guard API running there?");
    expect(check.text).not.toContain('internet');
  });

  it('reports a rejected key', () => {
    expect(describeConnectionCheck(failed(401, 'UNAUTHORIZED'), SAVED).text).toContain('did not accept this API key');
  });

  it('spots a support key in the API key field', () => {
    const check = describeConnectionCheck(failed(403, 'FORBIDDEN'), { ...SAVED, apiKey: 'dg_support_abc' });
    expect(check.text).toContain('this is a support key; paste it into Support key instead.');
  });

  it('asks for a missing key', () => {
    expect(describeConnectionCheck(failed(0, 'API_KEY_MISSING'), { ...SAVED, apiKey: '' }).text).toBe('Saved. Enter the API key to connect to Delete Guard.');
  });

  it('explains other failures', () => {
    const error = failed(503, 'STORE_UNAVAILABLE');
    expect(describeConnectionCheck(error, SAVED).text).toContain(describeApiError((error as { error: Parameters<typeof describeApiError>[0] }).error));
  });
});

describe('API_UNREACHABLE message', () => {
  it('covers a local server', () => {
    const text = describeApiError({ code: 'API_UNREACHABLE', message: '' });
    expect(text).toContain('Check that it is running');
    expect(text).toContain('Nothing was deleted.');
  });
});
