import type { SiteProfile } from '../../shared/profile.ts';

/**
 * Remembers, per profile, the row whose menu trigger was clicked last, for
 * profiles whose delete item lives in a menu rendered away from the row.
 */
export class MenuTracker {
  private readonly lastRows = new Map<string, { row: Element; trigger: Element }>();

  /** Records the row if the event path passes through a profile's menu trigger. */
  record(path: readonly EventTarget[], profiles: readonly SiteProfile[]): void {
    for (const profile of profiles) {
      const source = profile.customer.row;
      if (source.mode !== 'menuTrigger') continue;
      const trigger = path.find((node): node is Element => node instanceof Element && safeMatches(node, source.trigger));
      const row = trigger?.closest(source.row);
      if (trigger && row) this.lastRows.set(profile.id, { row, trigger });
    }
  }

  /** Returns the last recorded row and trigger for a profile, if they are still on the page. */
  lastFor(profileId: string): { row: Element; trigger: Element } | null {
    const entry = this.lastRows.get(profileId);
    return entry?.row.isConnected ? entry : null;
  }
}

function safeMatches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}
