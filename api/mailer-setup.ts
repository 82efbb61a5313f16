import { isIP } from 'node:net';
import { join, dirname } from 'node:path';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { loadDkimOptions } from './mail/dkim-config.ts';
import type { Mailer } from './mail/mailer.ts';
import { createSmtpMailer, type SmtpPoolSettings, type SmtpTimeouts } from './mail/smtp-mailer.ts';

/** The mailer the API sends with, and the dev mailbox when mail is captured. */
export interface MailSetup {
  mailer: Mailer;
  /** Routes of the dev mailbox; absent when SMTP_URL is set. */
  devMailboxRoutes?: Hono;
  /** Stops the mailer and the dev mailbox. */
  close(): Promise<void>;
}

/**
 * Sends through SMTP_URL when it is set, over a pool of connections with a
 * rate limit. Otherwise starts the dev mailbox on 127.0.0.1, which stores
 * every message as .eml under `<data dir>/mailbox/` and delivers nothing. The
 * dev mailbox module is loaded only in that case. Either way every message is
 * DKIM-signed when the DKIM_* settings are set.
 *
 * Raises an Error listing the problems when the DKIM settings are invalid, so
 * the API does not start sending unsigned or badly signed mail.
 */
export async function setUpMail(config: Config, dataFile: string, logger: Logger): Promise<MailSetup> {
  const dkim = loadDkimOptions(
    { DKIM_DOMAIN: config.DKIM_DOMAIN, DKIM_SELECTOR: config.DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: config.DKIM_PRIVATE_KEY_FILE },
    config.MAIL_FROM,
  );
  const signing = dkim ? { dkimDomain: dkim.domainName, dkimSelector: dkim.keySelector } : { dkim: 'off' };

  if (config.SMTP_URL) {
    const timeouts = readSmtpTimeouts(config);
    const pool: SmtpPoolSettings = {
      maxConnections: config.SMTP_POOL_MAX_CONNECTIONS,
      rateLimit: config.SMTP_RATE_LIMIT,
      rateDelta: config.SMTP_RATE_DELTA_MS,
    };
    const mailer = createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, logger, timeouts, pool, dkim });
    logger.info({ timeouts, pool, ...signing }, 'Sending mail through SMTP_URL');
    return { mailer, close: () => mailer.close() };
  }

  const { startDevMailbox } = await import('./dev-mailbox/dev-mailbox.ts');
  const { devMailboxRoutes } = await import('./dev-mailbox/mailbox-routes.ts');
  const mailbox = await startDevMailbox({ dir: join(dirname(dataFile), 'mailbox'), host: '127.0.0.1', logger });
  const mailer = createSmtpMailer({ url: mailbox.smtpUrl, from: config.MAIL_FROM, logger, dkim });
  if (dkim) logger.info(signing, 'Signing mail with DKIM');
  logger.warn(
    'SMTP_URL is not set, so mail is captured by the dev mailbox and not delivered. ' +
      'Read it at /dev/mailbox on this server; set SMTP_URL to send real mail.',
  );
  return {
    mailer,
    devMailboxRoutes: devMailboxRoutes(mailbox),
    close: async () => {
      await mailer.close();
      await mailbox.close();
    },
  };
}

/** Returns whether `host` is a loopback address: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare.startsWith('::ffff:127.');
  return false;
}

/**
 * Raises an Error when the dev mailbox would be reachable from other
 * computers: it serves every captured code at /dev/mailbox on the API's port
 * without a login, so without SMTP_URL the API must listen on loopback only.
 */
export function checkDevMailboxHost(config: Pick<Config, 'SMTP_URL' | 'HOST'>): void {
  if (config.SMTP_URL || isLoopbackHost(config.HOST)) return;
  throw new Error(
    `Failed to start: SMTP_URL is not set, so the dev mailbox would serve every captured code on HOST=${config.HOST}. ` +
      'The dev mailbox has no login, so it must stay on this computer. Set SMTP_URL, or keep HOST on 127.0.0.1, ::1 or localhost.',
  );
}

/** Returns the SMTP time limits set in the configuration; unset ones are left out. */
function readSmtpTimeouts(config: Config): Partial<SmtpTimeouts> {
  const timeouts: Partial<SmtpTimeouts> = {};
  if (config.SMTP_CONNECT_TIMEOUT_MS !== undefined) timeouts.connectMs = config.SMTP_CONNECT_TIMEOUT_MS;
  if (config.SMTP_GREETING_TIMEOUT_MS !== undefined) timeouts.greetingMs = config.SMTP_GREETING_TIMEOUT_MS;
  if (config.SMTP_SOCKET_TIMEOUT_MS !== undefined) timeouts.socketMs = config.SMTP_SOCKET_TIMEOUT_MS;
  if (config.SMTP_SEND_TIMEOUT_MS !== undefined) timeouts.sendMs = config.SMTP_SEND_TIMEOUT_MS;
  return timeouts;
}
