// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { validateProfile, type SiteProfileInput } from '../../shared/profile.ts';
import { STAND_IN_CRM_PROFILES, standInCrmList } from '../../extension/profiles/stand-in-crm.ts';

function issuesOf(input: unknown) {
  const result = validateProfile(input);
  if (result.ok) throw new Error('expected the profile to be invalid');
  return result.issues;
}

describe('site profile schema', () => {
  test.each(STAND_IN_CRM_PROFILES.map((profile) => [profile.id, profile] as const))('shipped profile %s is valid', (_id, profile) => {
    expect(validateProfile(profile)).toMatchObject({ ok: true });
  });

  test('fills defaults', () => {
    const result = validateProfile({ ...standInCrmList, triggers: undefined, proceed: undefined, outcome: undefined });
    if (!result.ok) throw new Error('expected the profile to be valid');
    expect(result.profile.triggers).toEqual(['click']);
    expect(result.profile.proceed).toEqual({ mode: 'replay', acceptConfirm: false });
    expect(result.profile.outcome.waitSeconds).toBe(15);
  });

  test('invalid selector names its field', () => {
    const issues = issuesOf({ ...standInCrmList, deleteControl: 'button[' });
    expect(issues).toContainEqual({ path: 'deleteControl', message: 'This is not a valid CSS selector.' });
  });

  test('match pattern with a port is rejected', () => {
    const issues = issuesOf({ ...standInCrmList, matches: ['http://127.0.0.1:8788/*'] });
    expect(issues[0]?.path).toBe('matches.0');
    expect(issues[0]?.message).toMatch(/match pattern/);
  });

  test('bad id and empty matches both reported', () => {
    const issues = issuesOf({ ...standInCrmList, id: 'Has Spaces', matches: [] });
    const paths = issues.map((issue) => issue.path);
    expect(paths).toContain('id');
    expect(paths).toContain('matches');
  });

  test('unknown id mode names customer.id.from', () => {
    const issues = issuesOf({ ...standInCrmList, customer: { ...standInCrmList.customer, id: { from: 'cookie' } } });
    expect(issues[0]?.path).toBe('customer.id.from');
  });

  test('link url without link selector', () => {
    const profile: SiteProfileInput = { ...standInCrmList, customer: { ...standInCrmList.customer, id: { from: 'hash', url: 'link' } } };
    expect(issuesOf(profile)).toContainEqual({ path: 'customer.id.link', message: 'Enter the link selector, because url is "link".' });
  });

  test('page mode needs a URL id', () => {
    const profile = { ...standInCrmList, bulk: undefined, customer: { row: { mode: 'page' }, id: { from: 'attribute', name: 'data-id' } } };
    expect(issuesOf(profile).map((issue) => issue.path)).toContain('customer.id.from');
  });

  test('navigate with bulk is rejected', () => {
    expect(issuesOf({ ...standInCrmList, proceed: { mode: 'navigate' } }).map((issue) => issue.path)).toContain('proceed.mode');
  });

  test('unknown trigger event is rejected', () => {
    expect(issuesOf({ ...standInCrmList, triggers: ['touchstart'] })[0]?.path).toBe('triggers.0');
  });
});
