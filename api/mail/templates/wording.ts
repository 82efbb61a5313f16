import { toHeaderText } from '../header-text.ts';

/** Formats a count with its noun, as in "1 minute" or "50 deletions". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * Cleans a company name for one-line use in subjects and sentences. An empty
 * name becomes "your company" so sentences still read correctly.
 */
export function formatCompanyName(company: string): string {
  const name = toHeaderText(company);
  return name === '' ? 'your company' : name;
}

/**
 * Returns the URL if it is a plain http(s) URL, otherwise undefined, so that a
 * mistyped CRM_URL never becomes a javascript: or data: link.
 */
export function toSafeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Formats a time as "2026-01-15 09:00 UTC", the same for every reader. */
export function formatUtcTime(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
