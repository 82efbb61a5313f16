import type { BackgroundMessage } from './messages.ts';

/** HTTP method, path and body of one API message. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

type ApiMessage = Extract<BackgroundMessage, { type: `api:${string}` }>;

/** Maps an `api:` message to the API route that serves it. */
export function toApiRoute(message: ApiMessage): ApiRoute {
  switch (message.type) {
    case 'api:getSettings':
      return { method: 'GET', path: '/v1/settings' };
    case 'api:getOtpStatus':
      return { method: 'GET', path: '/v1/otp' };
    case 'api:sendOtp':
      return { method: 'POST', path: '/v1/otp', body: {} };
    case 'api:createDeletion':
      return { method: 'POST', path: '/v1/deletions', body: message.request };
    case 'api:reportOutcome':
      return { method: 'POST', path: `/v1/deletions/${encodeURIComponent(message.deletionId)}/outcome`, body: message.report };
    case 'api:listDeletions': {
      const query = new URLSearchParams({ limit: String(message.limit) });
      if (message.before !== undefined) query.set('before', message.before);
      return { method: 'GET', path: `/v1/deletions?${query}` };
    }
    case 'api:setCompanyEmail':
      return { method: 'PUT', path: '/v1/settings/company-email', body: { email: message.email } };
    case 'api:verifyCompanyEmail':
      return { method: 'POST', path: '/v1/settings/company-email/verify', body: { code: message.code } };
    case 'api:removeCompanyEmail':
      return { method: 'DELETE', path: '/v1/settings/company-email' };
  }
}
