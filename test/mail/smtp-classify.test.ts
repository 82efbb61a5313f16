import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, TROUBLESHOOTING_STEPS, troubleshootingStepFor } from '../../api/mail/smtp-classify.ts';
import { parseEnhancedStatus, parseQueueId, parseResponseCode } from '../../api/mail/smtp-reply.ts';

describe('classifySmtpFailure replies', () => {
  it.each([
    // Temporary refusals.
    ['451 4.3.0 Try again later', 451, 'transient', true],
    ['421 4.7.0 Too many connections, slow down', 421, 'transient', true],
    ['450 4.7.1 Greylisted, please retry', 450, 'transient', true],
    ['452 4.2.2 The email account that you tried to reach is over quota', 452, 'mailbox_full', true],
    // Full mailboxes.
    ['552 5.2.2 Mailbox full', 552, 'mailbox_full', false],
    ['552 Requested mail action aborted: exceeded storage allocation', 552, 'mailbox_full', false],
    ['550 Mailbox full, quota exceeded', 550, 'mailbox_full', false],
    // Unknown mailboxes.
    ['550 5.1.1 <o***@acme.test>: Recipient address rejected: User unknown in virtual mailbox table', 550, 'no_such_mailbox', false],
    ['550-5.1.1 The email account that you tried to reach does not exist.', 550, 'no_such_mailbox', false],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 550, 'no_such_mailbox', false],
    ['550 User unknown', 550, 'no_such_mailbox', false],
    ['554 5.2.1 The email account that you tried to reach is disabled.', 554, 'no_such_mailbox', false],
    // Blocks and policy.
    ['550 5.7.1 Message rejected as spam', 550, 'blocked', false],
    ['554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org', 554, 'blocked', false],
    ['550-5.7.26 Unauthenticated email from example.com is not accepted due to DMARC policy', 550, 'blocked', false],
    ['554 Transaction failed', 554, 'blocked', false],
    ['550 Message blocked by content filter', 550, 'blocked', false],
    // Bad addresses.
    ['553 5.1.3 Bad recipient address syntax', 553, 'bad_address', false],
    ['550 5.1.2 Domain not found', 550, 'bad_address', false],
    ['553 Requested action not taken: mailbox name not allowed', 553, 'bad_address', false],
    ['501 Syntax error in parameters', 501, 'bad_address', false],
    // Everything else.
    ['552 5.3.4 Message size exceeds fixed limit', 552, 'other', false],
    ['550 Requested action not taken', 550, 'other', false],
  ] as const)('%s', (response, responseCode, classification, transient) => {
    const result = classifySmtpFailure({ response, responseCode });

    expect(result.classification).toBe(classification);
    expect(result.transient).toBe(transient);
    expect(result.step).toBe(TROUBLESHOOTING_STEPS[classification]);
  });

  it('reads the code from the reply text alone', () => {
    expect(classifySmtpFailure({ response: '550 5.1.1 No such user' })).toMatchObject({
      classification: 'no_such_mailbox',
      transient: false,
      enhancedStatus: '5.1.1',
    });
  });

  it('rejected login is other, not blocked', () => {
    const result = classifySmtpFailure({ errorCode: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' });

    expect(result).toEqual({ classification: 'other', transient: false, step: 'ask-administrator' });
  });
});

describe('classifySmtpFailure errors', () => {
  it.each([['ECONNREFUSED'], ['ECONNRESET'], ['ETIMEDOUT'], ['EABORT'], ['ECONNECTION'], ['EAI_AGAIN']])(
    '%s is transient',
    (errorCode) => {
      expect(classifySmtpFailure({ errorCode })).toEqual({ classification: 'transient', transient: true, step: 'wait-and-resend' });
    },
  );

  it.each([['ENOTFOUND'], ['ETLS'], [undefined]])('%s is other', (errorCode) => {
    expect(classifySmtpFailure({ errorCode })).toEqual({ classification: 'other', transient: false, step: 'ask-administrator' });
  });
});

describe('troubleshootingStepFor', () => {
  it.each([
    ['transient', 'wait-and-resend'],
    ['mailbox_full', 'free-space'],
    ['no_such_mailbox', 'check-address'],
    ['blocked', 'ask-it-to-allow-sender'],
    ['bad_address', 'check-address'],
    ['other', 'ask-administrator'],
  ] as const)('%s shows %s', (classification, step) => {
    expect(troubleshootingStepFor(classification)).toBe(step);
  });
});

describe('SMTP reply parsing', () => {
  it.each([
    ['550 5.1.1 No such user', '5.1.1'],
    ['550-5.7.26 Unauthenticated', '5.7.26'],
    ['550 5.1.10 Recipient not found', '5.1.10'],
    ['550 No such user', undefined],
    ['550 15.1.1 Odd', undefined],
  ])('enhanced status of %j', (reply, expected) => {
    expect(parseEnhancedStatus(reply)).toBe(expected);
  });

  it.each([
    ['550 5.1.1 No such user', 550],
    ['421-4.7.0 Slow down', 421],
    ['not a reply', undefined],
  ])('response code of %j', (reply, expected) => {
    expect(parseResponseCode(reply)).toBe(expected);
  });

  it.each([
    ['250 2.0.0 Ok: queued as ABC123', 'ABC123'],
    ['250 OK id=1tXyZ0-000abc-Qr', '1tXyZ0-000abc-Qr'],
    ['250 2.0.0 OK 1700000000 x1si123 - gsmtp', undefined],
    ['250 Accepted', undefined],
  ])('queue id of %j', (reply, expected) => {
    expect(parseQueueId(reply)).toBe(expected);
  });
});
