const ENHANCED_STATUS_PATTERN = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?=\s|$)/;
const RESPONSE_CODE_PATTERN = /^([2-5]\d\d)(?=[ -]|$)/;
// Postfix and Sendmail: "250 2.0.0 Ok: queued as 4Z1x2Y3abc". Exim: "250 OK id=1tXyZ0-000abc-Qr".
const QUEUE_ID_PATTERNS = [/\bqueued as ([A-Za-z0-9][A-Za-z0-9._-]*)/i, /\bid=([A-Za-z0-9][A-Za-z0-9._-]*)/];

/** Extracts the RFC 3463 enhanced status code, such as "5.1.1", from an SMTP reply. */
export function parseEnhancedStatus(response: string): string | undefined {
  return ENHANCED_STATUS_PATTERN.exec(response.trim())?.[1];
}

/** Extracts the three-digit reply code, such as 550, from an SMTP reply. */
export function parseResponseCode(response: string): number | undefined {
  const match = RESPONSE_CODE_PATTERN.exec(response.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * Extracts the id under which the server queued the message from its reply to
 * DATA, so a "did not arrive" report can be traced in the server's logs.
 * Returns undefined for reply formats without a recognisable id.
 */
export function parseQueueId(response: string): string | undefined {
  for (const pattern of QUEUE_ID_PATTERNS) {
    const match = pattern.exec(response);
    if (match) return match[1];
  }
  return undefined;
}
