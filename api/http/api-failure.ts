import { ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';

/**
 * An error that becomes one response in the API error shape. Throw it from any
 * handler or middleware; the app's error handler renders it.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
    options: { message?: string; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? ERROR_CODES[code].message);
    this.name = 'ApiFailure';
    this.status = ERROR_CODES[code].status;
    this.headers = options.headers ?? {};
  }

  /** Returns the JSON body: `{error: {code, message, ...details}}`. */
  toBody(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

/** Builds a 429 failure with both the Retry-After header and `retryAfterSeconds`. */
export function tooManyRequests(code: 'RESEND_TOO_SOON' | 'SEND_LIMIT_REACHED', waitMs: number): ApiFailure {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiFailure(code, { retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
}
