import type { ApiError } from '../../shared/api/error.ts';
import { formatWait, pluralize } from './format.ts';

/** The `error` object of a failed ApiPort call. */
export type ApiErrorBody = ApiError['error'];

/** Facts about the current screen that some messages need. */
export interface MessageContext {
  /** How many customers the user is deleting at once. */
  customerCount?: number;
  /** The account's confirmation word, quoted in CONFIRMATION_MISMATCH. */
  confirmationWord?: string;
}

function describeWait(error: ApiErrorBody, fallback: string): string {
  return error.retryAfterSeconds !== undefined ? `Try again in ${formatWait(error.retryAfterSeconds)}.` : fallback;
}

/**
 * Builds the plain message shown to the user for one failed API call. Every
 * error code of the API and of the extension has its own wording; an unknown
 * code falls back to the server's message.
 */
export function describeApiError(error: ApiErrorBody, context: MessageContext = {}): string {
  switch (error.code) {
    case 'OTP_INVALID':
      if (error.attemptsLeft === undefined) return 'Wrong code. Check the latest email and try again.';
      if (error.attemptsLeft <= 0) return 'Wrong code, and no tries are left. Click Send OTP to get a new code.';
      return `Wrong code. ${pluralize(error.attemptsLeft, 'try', 'tries')} left.`;
    case 'OTP_EXPIRED':
      return 'This code has expired. Click Send OTP to get a new one.';
    case 'OTP_USED_UP':
      return 'This code has been used for as many deletions as it allows. Click Send OTP to get a new one.';
    case 'OTP_LOCKED':
      return 'This code is blocked after too many wrong tries. Click Send OTP to get a new one.';
    case 'TOO_MANY_FAILURES':
      return `Too many wrong codes were entered in the last hour, so code checks are paused. ${describeWait(error, 'Wait a while and try again.')}`;
    case 'NOT_ENOUGH_USES':
      return describeNotEnoughUses(error, context);
    case 'MAIL_FAILED':
      return error.reason
        ? `The email with the code could not be sent: ${error.reason}. Try "Didn't get the code?" for help.`
        : `The email with the code could not be sent. Try "Didn't get the code?" for help.`;
    case 'RESEND_TOO_SOON':
      return `A code was sent a moment ago. ${describeWait(error, 'Wait a little before sending another.')}`;
    case 'SEND_LIMIT_REACHED':
      return `Too many codes were sent in the last hour. ${describeWait(error, 'Wait a while before sending another.')}`;
    case 'NO_ACTIVE_OTP':
      return 'There is no active code yet. Click Send OTP to get one by email.';
    case 'CONFIRMATION_MISMATCH': {
      const word = context.confirmationWord ? `"${context.confirmationWord}"` : 'the confirmation word';
      return `The confirmation word doesn't match. Type ${word} exactly as shown, with the same capital letters.`;
    }
    case 'INVALID_REASON':
      return 'That reason is no longer on the list. Pick another reason.';
    case 'NOTE_REQUIRED':
      return 'Add a note that explains the reason.';
    case 'VALIDATION_FAILED':
      return describeValidation(error);
    case 'NO_PENDING_EMAIL':
      return 'There is no new address waiting to be confirmed. Enter the address again.';
    case 'VERIFICATION_FAILED':
      return 'That verification code is wrong or has expired. Check the latest email, or send the code again.';
    case 'UNAUTHORIZED':
      return 'The Delete Guard API key was not accepted. Ask an admin to open the extension options and check the key.';
    case 'FORBIDDEN':
      return 'This API key is not allowed to do that. Ask an admin to check the key in the extension options.';
    case 'STORE_UNAVAILABLE':
      return 'The Delete Guard server cannot save right now. Nothing was deleted. Try again in a minute.';
    case 'INTERNAL_ERROR':
      return 'Something went wrong on the Delete Guard server. Nothing was deleted. Try again in a minute.';
    case 'API_UNREACHABLE':
      return "Can't reach the Delete Guard server. Check that it is running and that this computer is online, then try again. Nothing was deleted.";
    case 'API_KEY_MISSING':
      return 'Delete Guard is not set up on this browser yet: open the extension options and enter the API key.';
    case 'EXTENSION_RELOADED':
      return 'Delete Guard was updated or restarted. Please reload this page and try again.';
    default:
      return error.message || 'Something went wrong. Try again.';
  }
}

function describeNotEnoughUses(error: ApiErrorBody, context: MessageContext): string {
  const left = error.usesLeft === undefined ? 'fewer deletions' : pluralize(error.usesLeft, 'deletion', 'deletions');
  const picked = context.customerCount === undefined ? '' : `, but you picked ${pluralize(context.customerCount, 'customer', 'customers')}`;
  return `This code has only ${left} left${picked}. Pick fewer customers, or click Send OTP for a new code.`;
}

function describeValidation(error: ApiErrorBody): string {
  const details = (error.issues ?? []).map((issue) => issue.message).filter(Boolean);
  if (details.length === 0) return 'Some details are missing or invalid. Check the form and try again.';
  return `Please fix this and try again: ${details.join(' ')}`;
}
