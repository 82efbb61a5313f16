import type { Logger } from 'pino';
import type { AppServices } from '../services.ts';
import type { Account } from '../store/schema.ts';
import { transactAccount } from './accounts.ts';
import { sendChangeNotice } from './change-notice.ts';
import { endOpenCodes } from './codes.ts';
import { clearCodeResendWait } from './send-limits.ts';

/**
 * Sends codes to the registered email again and drops any pending address.
 * When a company email was the destination, the current code ends, Send OTP
 * works at once (the hourly cap still applies) and the registered email gets
 * a change notice.
 */
export async function removeCompanyEmail(deps: AppServices, accountId: string, log: Logger): Promise<Account> {
  const now = deps.clock.now();
  const { account, changed } = await transactAccount(deps.store, accountId, (tx) => {
    const stored = tx.account;
    const destinationChanges = stored.companyEmail !== null;
    stored.companyEmail = null;
    stored.pendingCompanyEmail = null;
    if (destinationChanges) {
      endOpenCodes(tx, 'destination_changed', now);
      clearCodeResendWait(tx);
    }
    return { account: structuredClone(stored), changed: destinationChanges };
  });

  if (changed) {
    log.info('Removed the company email; codes go to the registered email again');
    await sendChangeNotice(deps, account, now, log);
  }
  return account;
}
