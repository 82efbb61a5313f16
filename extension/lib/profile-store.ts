import { storage } from 'wxt/utils/storage';
import { siteProfileSchema, type SiteProfile, type SiteProfileInput } from '../../shared/profile.ts';
import { STAND_IN_CRM_PROFILES } from '../profiles/stand-in-crm.ts';
import { SAVED_PROFILES_KEY } from './saved-profiles-key.ts';

/** Profiles shipped with the extension, used until the options page saves a list. */
export const BUNDLED_PROFILES: SiteProfileInput[] = STAND_IN_CRM_PROFILES;

/** The saved profile list, as written in the options page; null means the bundled list. */
export const profilesItem = storage.defineItem<SiteProfileInput[] | null>(`local:${SAVED_PROFILES_KEY}`, { fallback: null });

/** The valid profiles of a list, and one warning for each invalid one. */
export interface ProfileListResult {
  profiles: SiteProfile[];
  warnings: string[];
}

/**
 * Validates a profile list and keeps the valid ones. Invalid profiles are
 * skipped with one warning each, so one typo cannot switch the others off.
 */
export function validateProfileList(inputs: readonly unknown[]): ProfileListResult {
  const result: ProfileListResult = { profiles: [], warnings: [] };
  for (const [index, input] of inputs.entries()) {
    const parsed = siteProfileSchema.safeParse(input);
    if (parsed.success) {
      result.profiles.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    result.warnings.push(`Delete Guard: skipped invalid site profile #${index + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}. Fix it in the Delete Guard options.`);
  }
  return result;
}

/** Validates a profile list like {@link validateProfileList} and logs its warnings. */
export function parseProfiles(inputs: readonly unknown[]): SiteProfile[] {
  const { profiles, warnings } = validateProfileList(inputs);
  for (const warning of warnings) console.warn(warning);
  return profiles;
}

/** Reads and validates the active profiles (the saved list, or the bundled one) without logging. */
export async function readProfileList(): Promise<ProfileListResult> {
  const saved = await profilesItem.getValue();
  return validateProfileList(saved ?? BUNDLED_PROFILES);
}

/** Loads the active profiles: the saved list, or the bundled one. */
export async function loadProfiles(): Promise<SiteProfile[]> {
  const saved = await profilesItem.getValue();
  return parseProfiles(saved ?? BUNDLED_PROFILES);
}
