/**
 * Key of the saved profile list in `browser.storage.local`. Kept in its own
 * file so the content script can watch the key without importing the zod-based
 * profile store.
 */
export const SAVED_PROFILES_KEY = 'siteProfiles';
