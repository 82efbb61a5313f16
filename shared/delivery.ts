/**
 * Kinds of delivery failure, shared by the API and the extension. `transient`
 * means a later attempt may succeed; the others name why the receiving side
 * rejected the message.
 */
export const FAILURE_CLASSES = ['transient', 'mailbox_full', 'no_such_mailbox', 'blocked', 'bad_address', 'other'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/**
 * Ids of the troubleshooting helper's steps, one per failure class, so the
 * extension can show the matching advice for a failed delivery.
 */
export const TROUBLESHOOTING_STEPS = {
  transient: 'wait-and-resend',
  mailbox_full: 'free-space',
  no_such_mailbox: 'check-address',
  blocked: 'ask-it-to-allow-sender',
  bad_address: 'check-address',
  other: 'ask-administrator',
} as const satisfies Record<FailureClass, string>;
export type TroubleshootingStep = (typeof TROUBLESHOOTING_STEPS)[FailureClass];

/** Every step id once, for schemas. */
export const TROUBLESHOOTING_STEP_IDS = [
  'wait-and-resend',
  'free-space',
  'check-address',
  'ask-it-to-allow-sender',
  'ask-administrator',
] as const satisfies readonly TroubleshootingStep[];

/** Returns the troubleshooting step the helper shows for a failure class. */
export function troubleshootingStepFor(classification: FailureClass): TroubleshootingStep {
  return TROUBLESHOOTING_STEPS[classification];
}

/** Returns true when `value` is one of {@link FAILURE_CLASSES}. */
export function isFailureClass(value: unknown): value is FailureClass {
  return typeof value === 'string' && (FAILURE_CLASSES as readonly string[]).includes(value);
}
