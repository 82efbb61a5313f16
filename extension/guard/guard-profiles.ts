import { browser } from 'wxt/browser';
import type { SiteProfile } from '../../shared/profile.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';
import type { ProfileListResult } from '../lib/profile-store.ts';
import { SAVED_PROFILES_KEY } from '../lib/saved-profiles-key.ts';

// The content script gets profiles that the background worker already checked
// with the zod schema, so zod stays out of the code injected into every page.
// The worker has no DOM and cannot check selector syntax, so that one check
// runs here, with the page's own selector parser.

function isValidSelector(selector: string | undefined): boolean {
  if (selector === undefined) return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function selectorsOf(profile: SiteProfile): (string | undefined)[] {
  const { row, id, name } = profile.customer;
  return [
    profile.deleteControl,
    profile.bulk?.deleteControl,
    profile.bulk?.selectedCheckbox,
    row.mode === 'page' ? undefined : row.row,
    row.mode === 'menuTrigger' ? row.trigger : undefined,
    'selector' in id ? id.selector : undefined,
    'link' in id ? id.link : undefined,
    name?.selector,
  ];
}

/**
 * Keeps the profiles whose selectors all parse in this page, with one warning
 * for each profile dropped, as the options page would have reported.
 */
export function keepParsableProfiles(profiles: readonly SiteProfile[]): SiteProfile[] {
  return profiles.filter((profile) => {
    if (selectorsOf(profile).every(isValidSelector)) return true;
    console.warn(`Delete Guard: skipped invalid site profile "${profile.id}": a selector is not valid CSS. Fix it in the Delete Guard options.`);
    return false;
  });
}

/**
 * Requests the active profiles from the background worker, logs its warnings
 * about invalid profiles in the page console, and returns the valid ones, or
 * null when the worker could not be reached.
 */
export async function requestGuardProfiles(): Promise<SiteProfile[] | null> {
  const result = await sendBackgroundMessage<ProfileListResult>({ type: 'guard:getProfiles' });
  if (!result.ok) {
    console.warn(`Delete Guard: failed to load the site profiles (${result.error.message}); the previous list stays active.`);
    return null;
  }
  for (const warning of result.data.warnings) console.warn(warning);
  return keepParsableProfiles(result.data.profiles);
}

/** Calls `onChange` whenever the saved profile list changes; returns a function that stops watching. */
export function watchSavedProfiles(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SAVED_PROFILES_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
