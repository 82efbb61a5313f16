import type { NodemailerError } from 'nodemailer/lib/errors';
import { maskEmail } from '../../shared/email.ts';
import { maskAddressesInReply } from './mask-reply.ts';

/** Time limits of one SMTP send, in milliseconds. */
export interface SmtpTimeouts {
  /** Maximum time to open the TCP (or TLS) connection. */
  connectMs: number;
  /** Maximum time between connecting and the server's 220 greeting. */
  greetingMs: number;
  /** Maximum silence from the server once the session has started. */
  socketMs: number;
  /** Maximum time for the whole send, from queueing to the server's final reply. */
  sendMs: number;
}

/** A delivery failure in plain words, ready for the `failed` send result. */
export interface SmtpFailure {
  reason: string;
  responseCode?: number;
  /** The server's reply, with every address in it masked. */
  response?: string;
}

// Errors thrown by the socket keep their errno code in `originalCode` once
// nodemailer has replaced `code` with its own (ESOCKET, EDNS).
const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'The mail server refused the connection (ECONNREFUSED). Check the host and port in SMTP_URL.',
  ECONNRESET: 'The mail server reset the connection (ECONNRESET).',
  EHOSTUNREACH: 'The mail server host is unreachable (EHOSTUNREACH).',
  ENETUNREACH: 'The network of the mail server is unreachable (ENETUNREACH).',
  ENOTFOUND: 'The mail server host name was not found (ENOTFOUND). Check the host in SMTP_URL.',
  EAI_AGAIN: 'The mail server host name could not be looked up right now (EAI_AGAIN).',
  EPIPE: 'The mail server closed the connection while the message was being sent (EPIPE).',
};

/**
 * Describes why a send failed, in words a CRM user can pass on to their
 * administrator. The recipient address is masked wherever the server's reply
 * quotes it, because the reason is logged and shown in the delivery history.
 */
export function describeSmtpFailure(error: unknown, recipient: string, timeouts: SmtpTimeouts): SmtpFailure {
  const failure = error as NodemailerError;
  const code = failure.code;
  const socketCode = failure.originalCode ?? code;
  const serverReply = failure.response ? maskAddress(failure.response.trim(), recipient) : undefined;
  const withCode = (reason: string): SmtpFailure => ({
    reason,
    ...(failure.responseCode === undefined ? {} : { responseCode: failure.responseCode }),
    ...(serverReply ? { response: maskAddressesInReply(serverReply) } : {}),
  });

  if (serverReply) {
    if (failure.command === 'RCPT TO') return withCode(`The mail server rejected the recipient: ${serverReply}`);
    if (failure.command === 'MAIL FROM') return withCode(`The mail server rejected the sender address (MAIL_FROM): ${serverReply}`);
    if (code === 'EAUTH') return withCode(`The mail server rejected the login: ${serverReply}. Check the user name and password in SMTP_URL.`);
    if (failure.command === 'DATA' || failure.command === 'DATA ACK' || code === 'EMESSAGE') {
      return withCode(`The mail server rejected the message: ${serverReply}`);
    }
    return withCode(`The mail server returned an error: ${serverReply}`);
  }

  if (code === 'ETIMEDOUT') return { reason: describeTimeout(failure.timeoutType, timeouts) };
  if (code === 'EABORT') return { reason: `Sending timed out after ${seconds(timeouts.sendMs)}.` };
  if (code === 'ENOAUTH') return { reason: 'The mail server requires a login. Add the user name and password to SMTP_URL.' };
  if (code === 'ETLS') return { reason: `Failed to set up TLS with the mail server: ${failure.message}` };
  if (socketCode && SOCKET_REASONS[socketCode]) return { reason: SOCKET_REASONS[socketCode] };
  if (code === 'ECONNECTION') return { reason: 'The mail server closed the connection unexpectedly.' };

  const message = error instanceof Error ? error.message : String(error);
  return { reason: `Failed to send the email: ${maskAddress(message, recipient)}` };
}

function describeTimeout(timeoutType: NodemailerError['timeoutType'], timeouts: SmtpTimeouts): string {
  switch (timeoutType) {
    case 'CONNECT_TIMEOUT':
      return `Timed out connecting to the mail server after ${seconds(timeouts.connectMs)}.`;
    case 'GREETING_TIMEOUT':
      return `The mail server accepted the connection but sent no greeting within ${seconds(timeouts.greetingMs)}.`;
    case 'SOCKET_TIMEOUT':
      return `The mail server stopped responding for ${seconds(timeouts.socketMs)}.`;
    case 'UPGRADE_TIMEOUT':
      return 'Timed out setting up TLS with the mail server.';
    default:
      return 'Timed out waiting for the mail server.';
  }
}

function seconds(ms: number): string {
  const value = Math.round(ms / 100) / 10;
  return value === 1 ? '1 second' : `${value} seconds`;
}

function maskAddress(text: string, address: string): string {
  if (!address) return text;
  // Servers may quote the address with a different case, as in "<Bob@Example.test>".
  const pattern = new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return text.replace(pattern, maskEmail(address));
}
