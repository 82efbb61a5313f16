// A small matcher for the match patterns that the profile schema accepts, in
// place of `wxt/utils/match-patterns` (@webext-core/match-patterns), which cost
// the content script about 2 KB. It matches like that library does for http
// and https: the port and the query string are ignored, `*` in the path
// matches any characters, and `*.example.com` also matches example.com itself.
// A unit test compares the two on a table of patterns and URLs.

/** Same grammar as the profile schema: scheme, host without port, path. */
const PATTERN_SYNTAX = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/;

/** Test for one URL, compiled from a match pattern. */
export type UrlTest = (url: URL) => boolean;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function matchesHost(hostPattern: string, hostname: string): boolean {
  if (hostPattern === '*') return true;
  if (hostPattern.startsWith('*.')) {
    const domain = hostPattern.slice(2);
    return hostname === domain || hostname.endsWith(`.${domain}`);
  }
  return hostname === hostPattern;
}

/** Compiles a match pattern such as `https://*.example.com/crm/*`, or returns null when it is not valid. */
export function compileMatchPattern(pattern: string): UrlTest | null {
  const parts = PATTERN_SYNTAX.exec(pattern);
  if (!parts) return null;
  const [, scheme, hostPattern = '', pathGlob = ''] = parts;
  const protocols = scheme === '*' ? ['http:', 'https:'] : [`${scheme}:`];
  const path = globToRegExp(pathGlob);
  return (url) => protocols.includes(url.protocol) && matchesHost(hostPattern, url.hostname) && path.test(url.pathname);
}
