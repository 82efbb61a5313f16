import type { SiteProfile } from '../../shared/profile.ts';
import { findControl } from './find-control.ts';

/**
 * Calls `onApproach` when the pointer moves onto a delete control or focus
 * lands on one: the moments just before a click or an Enter that opens the
 * modal. Passive listeners that never stop the event, so the page is not slowed.
 */
export function watchControlApproach(getProfiles: () => readonly SiteProfile[], onApproach: () => void, signal: AbortSignal): void {
  const listener = (event: Event) => {
    const profiles = getProfiles();
    if (profiles.length > 0 && findControl(event.composedPath(), profiles)) onApproach();
  };
  for (const type of ['pointerover', 'focusin']) window.addEventListener(type, listener, { capture: true, passive: true, signal });
}
