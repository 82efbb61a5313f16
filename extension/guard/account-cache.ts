import type { OtpStatus } from '../../shared/api/otp.ts';
import type { Settings } from '../../shared/api/settings.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';

/** Account data that the deletion modal can render its form from. */
export interface AccountSnapshot {
  settings: Settings;
  status: OtpStatus;
}

/** The latest account data the guard saw, kept in the content script's memory. */
export interface AccountCache {
  /** The latest settings and code status, or undefined before the first successful fetch. */
  snapshot(): AccountSnapshot | undefined;
  /** The support page from the extension options, or undefined when none is set or it is not fetched yet. */
  supportUrl(): string | undefined;
  /** Replaces the snapshot with data the modal just loaded or changed, or drops it after a failed load. */
  store(snapshot: AccountSnapshot | undefined): void;
  /** Fetches the support page again and returns it. */
  loadSupportUrl(): Promise<string | undefined>;
  /**
   * Fetches settings, code status and support page unless a fetch is running
   * or the last one finished less than `maxAgeMs` ago. Resolves when done.
   */
  prefetch(maxAgeMs?: number): Promise<void>;
}

/** How long a prefetched snapshot counts as fresh when a delete control is approached again. */
const FRESH_MS = 30_000;

/**
 * Creates the cache that lets the modal show its form on the click, without
 * waiting for two API calls through the background worker. The modal still
 * fetches both again when it opens, so cached data is shown for one round
 * trip at most. Like the rest of the content script's memory, the page cannot
 * read it, and the API key is never in it.
 */
export function createAccountCache(api: ApiPort): AccountCache {
  let snapshot: AccountSnapshot | undefined;
  let supportUrl: string | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;

  const loadSupportUrl = async () => {
    const support = await sendBackgroundMessage<string | null>({ type: 'guard:getSupportUrl' });
    if (support.ok) supportUrl = support.data ?? undefined;
    return supportUrl;
  };

  const fetchAll = async () => {
    const [settings, status] = await Promise.all([api.getSettings(), api.getOtpStatus(), loadSupportUrl()]);
    // A failure drops the old snapshot too, so a removed API key is not hidden behind a cached form.
    snapshot = settings.ok && status.ok ? { settings: settings.data, status: status.data } : undefined;
    fetchedAt = Date.now();
  };

  return {
    snapshot: () => snapshot,
    supportUrl: () => supportUrl,
    store: (next) => {
      snapshot = next;
      fetchedAt = Date.now();
    },
    loadSupportUrl,
    prefetch: (maxAgeMs = FRESH_MS) => {
      if (running) return running;
      if (Date.now() - fetchedAt < maxAgeMs) return Promise.resolve();
      running = fetchAll()
        .catch(() => {
          // A rejected message leaves the cache as it was, and the modal reports the error when it loads.
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
