/**
 * Every secret value the scenarios handled, so the secrets scan can search
 * the child output for each one.
 */
export const knownSecrets = {
  /** Codes read from received mail (deletion and verification codes). */
  codes: new Set<string>(),
  apiKeys: new Set<string>(),
  /** Server secrets read from the key files beside the data files. */
  serverSecrets: new Set<string>(),
  /** Full addresses that mail went to or that requests carried. */
  emails: new Set<string>(),
};
