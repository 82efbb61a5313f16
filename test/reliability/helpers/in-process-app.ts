import { join } from 'node:path';
import { createAccount } from '../../../api/accounts/create-account.ts';
import { createApp } from '../../../api/app.ts';
import { createManualClock } from '../../../api/clock.ts';
import { testConfig, type Config } from '../../../api/config.ts';
import { createLogger } from '../../../api/logger.ts';
import type { Mailer, OutgoingMail } from '../../../api/mail/mailer.ts';
import { openAccountStore } from '../../../api/store/open-account-store.ts';
import { createTempDir } from './temp-dirs.ts';

export const IN_PROCESS_SECRET = 'reliability-secret-0123456789abcdef0123456789';

/**
 * Creates the real app on a JSON store in a temporary directory, with a manual
 * clock, no DNS and a mailer that accepts every message and keeps it. For
 * scenarios that need many requests or simulated time. Call `close` at the
 * end, so the store's files are closed and its pid file is removed.
 */
export async function createInProcessApp(config: Partial<Config> = {}) {
  const dir = await createTempDir('delete-guard-reliability-');
  const dataFile = join(dir, 'data.json');
  const clock = createManualClock();
  const opened = await openAccountStore({ dataFile, logger: createLogger({ level: 'silent' }) });
  const { store } = opened;
  const { account, apiKey } = await createAccount(store, { company: 'Acme Credit', email: 'owner@acme.test' }, clock.now());
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
      return { status: 'sent', messageId: `<${sent.length}@reliability.test>`, response: '250 OK' };
    },
    async close() {},
  };
  const app = createApp({
    store,
    mailer,
    clock,
    config: testConfig(config),
    logger: createLogger({ level: 'silent' }),
    secret: IN_PROCESS_SECRET,
    resolveMx: async () => [],
  });
  return { app, dataFile, clock, store, account, apiKey, sent, close: () => opened.close() };
}

/** Reads the code from the newest mail the in-process mailer kept. */
export function latestCode(sent: OutgoingMail[]): string {
  const text = sent[sent.length - 1]?.text ?? '';
  const code = /^\s*(\d{4,10})\s*$/m.exec(text)?.[1];
  if (!code) throw new Error('No code in the newest mail.');
  return code;
}
