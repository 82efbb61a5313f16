import type { SiteProfile } from '../../shared/profile.ts';
import { isProfileOnPage } from './customer-presence.ts';

/** Seconds after a page load or navigation before a profile's selectors are checked. */
export const WARN_DELAY_MS = 5000;

const warned = new Set<string>();

/**
 * Logs one console warning per profile and page path when a profile matches the
 * URL but none of its controls is on the page. Never repeats for the same pair.
 */
export function warnUnmatchedProfiles(profiles: readonly SiteProfile[]): void {
  for (const profile of profiles) {
    const key = `${profile.id} ${location.pathname}`;
    if (warned.has(key) || isProfileOnPage(profile, document)) continue;
    warned.add(key);
    console.warn(
      `Delete Guard: site profile "${profile.name}" (${profile.id}) matches ${location.pathname} but no element matches its deleteControl selector ${JSON.stringify(profile.deleteControl)}. ` +
        'Deletes on this page are not guarded. Update the profile in the Delete Guard options.',
    );
  }
}
