import { promises as dnsPromises, type MxRecord } from 'node:dns';
import { detectProvider, type MailProvider } from '../../shared/provider.ts';
import { systemClock, type Clock } from '../clock.ts';

/** Settings of {@link createProviderDetector}. */
export interface ProviderDetectorOptions {
  /** MX lookup, injected so tests use no DNS. Defaults to `dns.promises.resolveMx`. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
  /** Maximum wait for one lookup, in milliseconds. A slower lookup counts as "other". */
  timeoutMs?: number;
  /** How long a detected provider stays cached, in milliseconds. */
  cacheTtlMs?: number;
  /**
   * How long an "other" result stays cached, in milliseconds. Shorter, because
   * it may come from a failed lookup. Defaults to a tenth of `cacheTtlMs`.
   */
  negativeCacheTtlMs?: number;
  clock?: Clock;
}

/** Finds the mail provider behind an address, including company domains hosted by Google or Microsoft. */
export interface ProviderDetector {
  /** Returns the provider of `address`. Never rejects: any lookup failure gives "other". */
  detect(address: string): Promise<MailProvider>;
}

// Host name suffixes of the MX servers of each provider. Google Workspace uses
// aspmx.l.google.com and its alternates, or smtp.google.com; Microsoft 365
// uses <tenant>.mail.protection.outlook.com; Yahoo uses *.yahoodns.net.
const MX_SUFFIXES: ReadonlyArray<[string, MailProvider]> = [
  ['.google.com', 'gmail'],
  ['.googlemail.com', 'gmail'],
  ['.outlook.com', 'outlook'],
  ['.yahoodns.net', 'yahoo'],
];

interface CacheEntry {
  provider: Promise<MailProvider>;
  expiresAt: number;
}

/**
 * Creates a detector that first applies the domain rules of
 * {@link detectProvider}, then, for other domains, looks up the MX records and
 * matches their host names. Results are cached per domain, and concurrent
 * lookups of one domain share one query.
 */
export function createProviderDetector(options: ProviderDetectorOptions = {}): ProviderDetector {
  const resolveMx = options.resolveMx ?? resolveSystemMx;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const cacheTtlMs = options.cacheTtlMs ?? 3_600_000;
  const negativeCacheTtlMs = options.negativeCacheTtlMs ?? Math.round(cacheTtlMs / 10);
  const clock = options.clock ?? systemClock;
  const cache = new Map<string, CacheEntry>();

  function lookUp(domain: string): Promise<MailProvider> {
    const cached = cache.get(domain);
    if (cached && cached.expiresAt > clock.now()) return cached.provider;

    // Until the lookup settles, the entry contains it so concurrent callers share it.
    const provider = withTimeout(resolveMx(domain), timeoutMs)
      .then(matchMxHosts)
      .catch((): MailProvider => 'other');
    const entry: CacheEntry = { provider, expiresAt: Number.POSITIVE_INFINITY };
    cache.set(domain, entry);
    void provider.then((result) => {
      entry.expiresAt = clock.now() + (result === 'other' ? negativeCacheTtlMs : cacheTtlMs);
    });
    return provider;
  }

  async function detect(address: string): Promise<MailProvider> {
    const byDomain = detectProvider(address);
    if (byDomain !== 'other') return byDomain;

    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
    if (!domain || !domain.includes('.')) return 'other';
    return lookUp(domain);
  }

  return { detect };
}

/**
 * Returns the provider of the first MX record, in order of preference, whose
 * host belongs to a known provider. A filtering gateway in front of Google
 * or Microsoft is skipped, because the mailbox and its spam folder are still theirs.
 */
function matchMxHosts(records: MxRecord[]): MailProvider {
  const sorted = [...records].sort((a, b) => a.priority - b.priority);
  for (const record of sorted) {
    const host = `.${record.exchange.toLowerCase().replace(/\.$/, '')}`;
    const match = MX_SUFFIXES.find(([suffix]) => host.endsWith(suffix));
    if (match) return match[1];
  }
  return 'other';
}

// Names reserved for testing and documentation (RFC 2606, RFC 6761) have no
// real mail servers, so asking the system resolver would only leak a query.
const RESERVED_DOMAIN = /(^|\.)(test|example|invalid|localhost|local)$|(^|\.)example\.(com|net|org)$/;

/** Looks up MX records with the system resolver, except for reserved names. */
function resolveSystemMx(domain: string): Promise<MxRecord[]> {
  if (RESERVED_DOMAIN.test(domain)) return Promise.reject(new Error(`Skipped the MX lookup: ${domain} is a reserved name.`));
  return dnsPromises.resolveMx(domain);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out looking up MX records after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
