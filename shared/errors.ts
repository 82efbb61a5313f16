/**
 * Error-code registry of the API contract. Each code has one HTTP status and a
 * default message; the API may add details (field paths, counts) beside them.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid. See "issues" for the fields to fix.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON. Send a JSON object.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be JSON. Set Content-Type: application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than 16 KB. Send fewer customers or a shorter note.' },
  UNAUTHORIZED: { status: 401, message: 'The API key is missing or invalid. Send Authorization: Bearer <apiKey>.' },
  FORBIDDEN: { status: 403, message: 'This API key is not allowed to use this route.' },
  NOT_FOUND: { status: 404, message: 'No such route or record.' },
  INVALID_REASON: { status: 400, message: 'The reason is not one of the account\'s deletion reasons.' },
  NOTE_REQUIRED: { status: 400, message: 'A note is required when the reason is "Other".' },
  CONFIRMATION_MISMATCH: { status: 400, message: 'The confirmation word does not match. Type it exactly as shown; it is case-sensitive.' },
  NO_ACTIVE_OTP: { status: 404, message: 'There is no active code. Click Send OTP to get one.' },
  OTP_EXPIRED: { status: 410, message: 'The code has expired. Click Send OTP to get a new one.' },
  OTP_USED_UP: { status: 410, message: 'The code has been used for its maximum number of deletions. Click Send OTP to get a new one.' },
  OTP_INVALID: { status: 403, message: 'The code is wrong. Check the latest email and try again.' },
  OTP_LOCKED: { status: 423, message: 'Too many wrong codes: this code no longer works. Click Send OTP to get a new one.' },
  TOO_MANY_FAILURES: { status: 423, message: 'Too many failed code checks in the last hour. Wait before trying again.' },
  NOT_ENOUGH_USES: { status: 409, message: 'The code has fewer deletions left than customers selected. Select fewer customers or send a new code.' },
  RESEND_TOO_SOON: { status: 429, message: 'A code was sent moments ago. Wait before sending another.' },
  SEND_LIMIT_REACHED: { status: 429, message: 'Too many codes were sent in the last hour. Wait before sending another.' },
  MAIL_FAILED: { status: 502, message: 'The email could not be sent.' },
  OUTCOME_ALREADY_SET: { status: 409, message: 'The outcome of this deletion was already reported.' },
  NO_PENDING_EMAIL: { status: 404, message: 'There is no company email waiting for verification. Enter the address first.' },
  VERIFICATION_FAILED: { status: 403, message: 'The verification code is wrong or expired.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The server cannot save data right now. Nothing was changed; try again shortly.' },
  INTERNAL_ERROR: { status: 500, message: 'The server failed to handle the request.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the error codes the API returns. */
export type ErrorCode = keyof typeof ERROR_CODES;
