// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { siteProfileSchema, type SiteProfile } from '../../shared/profile.ts';
import { keepParsableProfiles } from '../../extension/guard/guard-profiles.ts';
import { STAND_IN_CRM_PROFILES, standInCrmDropdown, standInCrmList } from '../../extension/profiles/stand-in-crm.ts';

describe('bundled profiles', () => {
  // The content script uses these without the schema, so they must already be in parsed form.
  test.each(STAND_IN_CRM_PROFILES.map((profile) => [profile.id, profile] as const))('%s is its own parse', (_id, profile) => {
    expect(siteProfileSchema.parse(profile)).toEqual(profile);
  });
});

describe('keepParsableProfiles', () => {
  test('keeps profiles whose selectors parse', () => {
    expect(keepParsableProfiles(STAND_IN_CRM_PROFILES)).toEqual(STAND_IN_CRM_PROFILES);
  });

  test('drops a profile with a broken selector', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: SiteProfile = { ...standInCrmDropdown, customer: { ...standInCrmDropdown.customer, name: { from: 'row', selector: 'a[' } } };
    expect(keepParsableProfiles([standInCrmList, broken])).toEqual([standInCrmList]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('stand-in-crm-dropdown'));
    warn.mockRestore();
  });
});
