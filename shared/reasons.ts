/** The reason that needs a free-text note. */
export const OTHER_REASON = 'Other';

/** Deletion reasons a new account starts with. */
export const DEFAULT_REASONS = [
  'Duplicate record',
  'Customer asked to be deleted',
  'Created by mistake or test record',
  'No longer a customer',
  OTHER_REASON,
] as const;

/** Confirmation word a new account starts with. */
export const DEFAULT_CONFIRMATION_WORD = 'DELETE';
