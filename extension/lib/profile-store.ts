import { storage } from 'wxt/utils/storage';
import { siteProfileSchema, type SiteProfile, type SiteProfileInput } from '../../shared/profile.ts';
import { STAND_IN_CRM_PROFILES } from '../profiles/stand-in-crm.ts';

/** Profiles shipped with the extension, used until the options page saves a list. */
export const BUNDLED_PROFILES: SiteProfileInput[] = STAND_IN_CRM_PROFILES;

/** The saved profile list, as written in the options page; null means the bundled list. */
export const profilesItem = storage.defineItem<SiteProfileInput[] | null>('local:siteProfiles', { fallback: null });

/**
 * Validates a profile list and keeps the valid ones. Invalid profiles are
 * skipped with one warning each, so one typo cannot switch the others off.
 */
export function parseProfiles(inputs: readonly unknown[]): SiteProfile[] {
  const profiles: SiteProfile[] = [];
  for (const [index, input] of inputs.entries()) {
    const parsed = siteProfileSchema.safeParse(input);
    if (parsed.success) {
      profiles.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    console.warn(`Delete Guard: skipped invalid site profile #${index + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}. Fix it in the Delete Guard options.`);
  }
  return profiles;
}

/** Loads the active profiles: the saved list, or the bundled one. */
export async function loadProfiles(): Promise<SiteProfile[]> {
  const saved = await profilesItem.getValue();
  return parseProfiles(saved ?? BUNDLED_PROFILES);
}
