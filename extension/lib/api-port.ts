import type { CreateDeletionRequest, CreateDeletionResponse } from '../../shared/api/deletions.ts';
import type { ApiError } from '../../shared/api/error.ts';
import type { OtpStatus, SendOtpResponse } from '../../shared/api/otp.ts';
import type { Settings } from '../../shared/api/settings.ts';

/**
 * Result of one API call made by the background service worker for the page.
 * `error.code` is a shared error code, or one of the extension's own:
 * API_UNREACHABLE (network failure or timeout), API_KEY_MISSING (options not
 * set), EXTENSION_RELOADED (the content script lost its extension context).
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError['error'] };

/** Error codes the extension adds to the API's own. */
export const EXTENSION_ERROR_CODES = ['API_UNREACHABLE', 'API_KEY_MISSING', 'EXTENSION_RELOADED'] as const;

/**
 * The API operations the modal and the troubleshooting helper use. In the
 * content script each call is a message to the background service worker,
 * which holds the API key; the page never sees the key.
 */
export interface ApiPort {
  getSettings(): Promise<ApiResult<Settings>>;
  getOtpStatus(): Promise<ApiResult<OtpStatus>>;
  sendOtp(): Promise<ApiResult<SendOtpResponse>>;
  createDeletion(request: CreateDeletionRequest): Promise<ApiResult<CreateDeletionResponse>>;
  setCompanyEmail(email: string): Promise<ApiResult<{ pendingCompanyEmail: string; provider: string; expiresAt: string }>>;
  verifyCompanyEmail(code: string): Promise<ApiResult<Settings>>;
  removeCompanyEmail(): Promise<ApiResult<Settings>>;
}
