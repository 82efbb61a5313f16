import type { SiteProfile } from '../../shared/profile.ts';

/** A delete control that an event reached, and the profile it belongs to. */
export interface ControlMatch {
  profile: SiteProfile;
  control: Element;
  kind: 'single' | 'bulk';
}

/** Normalizes text for `controlText`: spaces collapsed, case folded. */
export function normalizeControlText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function matchesSafely(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

function isSingleControl(element: Element, profile: SiteProfile): boolean {
  if (!matchesSafely(element, profile.deleteControl)) return false;
  if (profile.controlText === undefined) return true;
  return normalizeControlText(element.textContent) === normalizeControlText(profile.controlText);
}

/**
 * Finds the delete control on an event's path, closest to the target first.
 * Walking `composedPath()` covers clicks on an `<svg><path>` inside an icon
 * button and clicks inside open shadow roots of the page.
 */
export function findControl(path: readonly EventTarget[], profiles: readonly SiteProfile[]): ControlMatch | null {
  for (const node of path) {
    if (!(node instanceof Element)) continue;
    for (const profile of profiles) {
      if (isSingleControl(node, profile)) return { profile, control: node, kind: 'single' };
      if (profile.bulk && matchesSafely(node, profile.bulk.deleteControl)) return { profile, control: node, kind: 'bulk' };
    }
  }
  return null;
}
