import type { ReportOutcomeRequest } from '../../shared/api/deletions.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';

/**
 * Reports one deletion's outcome through the background worker. Failures are
 * logged, not thrown: the entry stays pending and the next page load retries.
 */
export async function reportOutcome(deletionId: string, report: ReportOutcomeRequest): Promise<void> {
  const result = await sendBackgroundMessage<unknown>({ type: 'api:reportOutcome', deletionId, report });
  if (!result.ok && result.error.code !== 'OUTCOME_ALREADY_SET') {
    console.warn(`Delete Guard: failed to report outcome "${report.outcome}" for deletion ${deletionId}: ${result.error.code} ${result.error.message}`);
  }
}
