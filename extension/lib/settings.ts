import { storage } from 'wxt/utils/storage';

/** API URL used until the options page saves another one. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8787';

/**
 * Base URL of the Delete Guard API. Read only by the background service worker
 * and the options page.
 */
export const apiUrlItem = storage.defineItem<string>('local:apiUrl', { fallback: DEFAULT_API_URL });

/** The company's API key. Never sent to a content script or a page. */
export const apiKeyItem = storage.defineItem<string>('local:apiKey', { fallback: '' });

/**
 * Support key of a Delete Guard support agent, for the support tools on the
 * troubleshooting page. Read only by the background service worker and the
 * options page; never sent to a content script or a page.
 */
export const supportKeyItem = storage.defineItem<string>('local:supportKey', { fallback: '' });

/** Support contact shown in the modal: an https URL or a mailto: link built from an email address. */
export const supportContactItem = storage.defineItem<string>('local:supportContact', { fallback: '' });

/**
 * Turns the support setting into a link: an email address becomes `mailto:`,
 * an http(s) URL stays, anything else is dropped.
 */
export function toSupportUrl(setting: string): string | undefined {
  const value = setting.trim();
  if (value === '') return undefined;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:') return url.href;
  } catch {
    // Not a URL: no link.
  }
  return undefined;
}
