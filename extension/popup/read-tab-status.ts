import { browser } from 'wxt/browser';
import { matchProfiles } from '../guard/match-profiles.ts';
import { LOCAL_MATCHES } from '../lib/local-matches.ts';
import { loadProfiles } from '../lib/profile-store.ts';
import { toOriginPattern } from '../lib/site-registration.ts';

/** Status of the active tab, as the popup shows it. */
export interface TabStatus {
  url: string | null;
  /** Host permission pattern of the tab's origin, or null for pages that cannot be guarded. */
  originPattern: string | null;
  siteAdded: boolean;
  profileNames: string[];
}

/** Reads the active tab's URL, whether its site is added and which profiles match it. */
export async function readTabStatus(): Promise<TabStatus> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url ?? null;
  const originPattern = url ? toOriginPattern(url) : null;
  if (!url || !originPattern) return { url, originPattern: null, siteAdded: false, profileNames: [] };

  const siteAdded = LOCAL_MATCHES.includes(originPattern) || (await browser.permissions.contains({ origins: [originPattern] }));
  const profileNames = matchProfiles(await loadProfiles(), url).map((profile) => profile.name);
  return { url, originPattern, siteAdded, profileNames };
}
