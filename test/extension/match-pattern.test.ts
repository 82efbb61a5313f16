import { describe, expect, test } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { compileMatchPattern } from '../../extension/guard/match-pattern.ts';

// The guard's own matcher replaced WXT's MatchPattern in the content script,
// so both must agree on every pattern the profile schema accepts.
const PATTERNS = [
  'http://127.0.0.1/*',
  'http://localhost/customers/*',
  '*://crm.example.com/*',
  'https://*.example.com/app/*/contacts',
  'https://*/*',
  'https://crm.example.com/saved/dropdown',
];

const URLS = [
  'http://127.0.0.1:8788/',
  'http://127.0.0.1/customers/cus_1001?tab=notes#top',
  'http://localhost:3000/customers/cus_1001',
  'http://localhost/customer',
  'https://crm.example.com/',
  'http://crm.example.com/deals?id=1',
  'https://example.com/app/1/contacts',
  'https://eu.example.com/app/acme/contacts',
  'https://eu.example.com/app/acme/contacts/42',
  'https://notexample.com/app/1/contacts',
  'https://crm.example.com/saved/dropdown?count=10',
  'https://crm.example.com/saved/dropdown/more',
  'ftp://crm.example.com/',
];

describe('compileMatchPattern', () => {
  test.each(PATTERNS)('agrees with MatchPattern for %s', (pattern) => {
    const reference = new MatchPattern(pattern);
    const urlTest = compileMatchPattern(pattern);
    expect(urlTest).not.toBeNull();
    for (const url of URLS) {
      expect({ url, matches: urlTest!(new URL(url)) }).toEqual({ url, matches: reference.includes(url) });
    }
  });

  test('rejects patterns outside the schema grammar', () => {
    expect(compileMatchPattern('http://127.0.0.1:8788/*')).toBeNull();
    expect(compileMatchPattern('https://crm.*.com/*')).toBeNull();
    expect(compileMatchPattern('file:///tmp/*')).toBeNull();
    expect(compileMatchPattern('https://crm.example.com')).toBeNull();
  });
});
