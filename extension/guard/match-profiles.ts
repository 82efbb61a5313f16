import type { SiteProfile } from '../../shared/profile.ts';
import { compileMatchPattern, type UrlTest } from './match-pattern.ts';

const patternCache = new Map<string, UrlTest | null>();

function toUrlTest(pattern: string): UrlTest | null {
  if (!patternCache.has(pattern)) patternCache.set(pattern, compileMatchPattern(pattern));
  return patternCache.get(pattern) ?? null;
}

/**
 * Returns the profiles with a match pattern that includes `url`, in list order.
 * Patterns ignore the port and the query string.
 */
export function matchProfiles(profiles: readonly SiteProfile[], url: string): SiteProfile[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  return profiles.filter((profile) => profile.matches.some((pattern) => toUrlTest(pattern)?.(parsed) ?? false));
}
