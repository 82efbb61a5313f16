import { browser } from 'wxt/browser';
import { LOCAL_MATCHES } from './local-matches.ts';

const GUARD_SCRIPT = 'content-scripts/content.js';
const BRIDGE_SCRIPT = 'content-scripts/confirm-bridge.js';

/** Turns a page URL into the host permission pattern for its origin, like `https://crm.example.com/*`. */
export function toOriginPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}

function scriptIds(pattern: string): { guard: string; bridge: string } {
  const key = pattern.replace(/[^a-z0-9.-]/gi, '-');
  return { guard: `guard-${key}`, bridge: `confirm-bridge-${key}` };
}

/**
 * Registers the guard and the confirm bridge for origins the user granted.
 * Local origins are skipped because the manifest already covers them. Already
 * registered origins are skipped too.
 */
export async function registerGuardFor(patterns: readonly string[]): Promise<void> {
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((script) => script.id));
  const scripts: Parameters<typeof browser.scripting.registerContentScripts>[0] = [];
  for (const pattern of patterns) {
    if (LOCAL_MATCHES.includes(pattern) || pattern.includes('*://*') || !/^https?:\/\/[^*/]+\/\*$/.test(pattern)) continue;
    const ids = scriptIds(pattern);
    if (registered.has(ids.guard)) continue;
    scripts.push(
      { id: ids.bridge, matches: [pattern], js: [BRIDGE_SCRIPT], runAt: 'document_start', world: 'MAIN' },
      { id: ids.guard, matches: [pattern], js: [GUARD_SCRIPT], runAt: 'document_start' },
    );
  }
  if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
}

/** Unregisters the guard for origins whose permission was removed. */
export async function unregisterGuardFor(patterns: readonly string[]): Promise<void> {
  const ids = patterns.flatMap((pattern) => Object.values(scriptIds(pattern)));
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((script) => script.id));
  const present = ids.filter((id) => registered.has(id));
  if (present.length > 0) await browser.scripting.unregisterContentScripts({ ids: present });
}
