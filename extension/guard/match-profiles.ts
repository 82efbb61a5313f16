import { MatchPattern } from 'wxt/utils/match-patterns';
import type { SiteProfile } from '../../shared/profile.ts';

const patternCache = new Map<string, MatchPattern | null>();

function toMatchPattern(pattern: string): MatchPattern | null {
  if (!patternCache.has(pattern)) {
    try {
      patternCache.set(pattern, new MatchPattern(pattern));
    } catch {
      patternCache.set(pattern, null);
    }
  }
  return patternCache.get(pattern) ?? null;
}

/**
 * Returns the profiles with a match pattern that includes `url`, in list order.
 * Patterns ignore the port and the query string.
 */
export function matchProfiles(profiles: readonly SiteProfile[], url: string): SiteProfile[] {
  return profiles.filter((profile) => profile.matches.some((pattern) => toMatchPattern(pattern)?.includes(url)));
}
