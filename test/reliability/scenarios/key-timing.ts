import { randomBytes } from 'node:crypto';
import type { ApiChild } from '../helpers/api-child.ts';
import { callApi, type ApiResponse } from '../helpers/http.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

const SAMPLES = 400;
/** Largest accepted ratio between the slowest and fastest median: loose, because other tests share the CPU. */
export const MAX_MEDIAN_RATIO = 1.5;

/**
 * Sends interleaved requests with an unknown key (well formed, no account),
 * a wrong key (the real key with its last character changed) and no key.
 * All three must get the same answer, and their median times must lie
 * within {@link MAX_MEDIAN_RATIO} of each other.
 */
export async function runKeyTimingScenario(api: ApiChild, apiKey: string): Promise<ScenarioRow> {
  const wrongKey = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
  const kinds: Record<string, () => string | null> = {
    unknown: () => `dg_live_${randomBytes(24).toString('base64url')}`,
    wrong: () => wrongKey,
    missing: () => null,
  };
  const times: Record<string, number[]> = { unknown: [], wrong: [], missing: [] };
  const answers = new Set<string>();
  const wrong: string[] = [];

  // Warm up the connection and the server's code paths first.
  for (let index = 0; index < 20; index += 1) await callApi(api.url, 'GET', '/v1/settings', { key: kinds.unknown!() });

  for (let index = 0; index < SAMPLES; index += 1) {
    for (const [kind, makeKey] of Object.entries(kinds)) {
      const response = await callApi(api.url, 'GET', '/v1/settings', { key: makeKey() });
      times[kind]!.push(response.ms);
      answers.add(describeAnswer(response));
    }
  }

  if (answers.size !== 1) wrong.push(`the answers differ: ${[...answers].join(' / ')}`);
  const medians = Object.fromEntries(Object.entries(times).map(([kind, list]) => [kind, median(list)]));
  const values = Object.values(medians);
  const ratio = Math.max(...values) / Math.min(...values);
  if (ratio > MAX_MEDIAN_RATIO) wrong.push(`median times differ by a factor of ${ratio.toFixed(2)}: ${JSON.stringify(medians)}`);

  return {
    scenario: 'unknown vs wrong API key',
    operations: SAMPLES * 3,
    faultsInjected: SAMPLES * 3,
    wrongOutcomes: wrong,
    lostWrites: [],
    notes: [
      `median ms over ${SAMPLES} requests each: ${Object.entries(medians).map(([kind, value]) => `${kind} ${value.toFixed(3)}`).join(', ')}; ratio ${ratio.toFixed(3)} (limit ${MAX_MEDIAN_RATIO})`,
    ],
  };
}

// Status, body and every header except Date, which changes each second.
function describeAnswer(response: ApiResponse): string {
  const headers = [...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive' && name !== 'connection');
  return `${response.status} ${JSON.stringify(response.json)} ${JSON.stringify(headers)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
