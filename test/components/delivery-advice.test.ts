import { describe, expect, it } from 'vitest';
import { adviseOnDelivery, classifyDeliveryDetail, type DeliveryProblem } from '../../extension/components/delivery-advice.ts';

const DETAILS: Array<[string, DeliveryProblem]> = [
  ['552 mailbox full', 'mailbox_full'],
  ['452 4.2.2 The email account that you tried to reach is over quota', 'mailbox_full'],
  ['550 5.1.1 <x@acme.test>: Recipient address rejected: User unknown', 'no_such_mailbox'],
  ['550 No such user here', 'no_such_mailbox'],
  ['The address does not exist', 'no_such_mailbox'],
  ['553 5.1.3 Invalid address syntax', 'bad_address'],
  ['554 5.7.1 Message rejected as spam', 'blocked'],
  ['550 Rejected by company policy', 'blocked'],
  ['Connection timed out after 30000 ms', 'transient'],
  ['connect ECONNREFUSED 127.0.0.1:2525', 'transient'],
  ['421 Service not available, try again later', 'transient'],
  ['Something odd happened', 'other'],
  ['', 'other'],
];

describe('classifyDeliveryDetail', () => {
  it.each(DETAILS)('classifies "%s"', (detail, expected) => {
    expect(classifyDeliveryDetail(detail)).toBe(expected);
  });
});

describe('adviseOnDelivery', () => {
  it('skips deliveries that did not fail', () => {
    expect(adviseOnDelivery({ status: 'sent', detail: '552 mailbox full' })).toBeNull();
  });

  it('maps each problem to its fix', () => {
    expect(adviseOnDelivery({ status: 'failed', detail: '552 mailbox full' })?.fix).toContain('Free up space');
    expect(adviseOnDelivery({ status: 'failed', detail: 'User unknown' })?.fix).toContain('use a different email');
    expect(adviseOnDelivery({ status: 'failed', detail: 'blocked as spam' })?.fix).toContain('Ask your IT team to allow');
    expect(adviseOnDelivery({ status: 'failed', detail: 'timed out' })?.fix).toContain('Wait a few minutes');
  });

  it('prefers the API classification over keywords', () => {
    const advice = adviseOnDelivery({ status: 'failed', detail: '552 mailbox full', classification: 'blocked' });
    expect(advice?.problem).toBe('blocked');
  });

  it('names the step the API uses', () => {
    expect(adviseOnDelivery({ status: 'failed', classification: 'mailbox_full' })?.step).toBe('free-space');
    expect(adviseOnDelivery({ status: 'failed', detail: 'User unknown' })?.step).toBe('check-address');
  });

  it('reads old helper classifications', () => {
    expect(adviseOnDelivery({ status: 'failed', classification: 'temporary' })?.problem).toBe('transient');
    expect(adviseOnDelivery({ status: 'failed', classification: 'unknown' })?.problem).toBe('other');
  });

  it('ignores an unknown API classification', () => {
    const advice = adviseOnDelivery({ status: 'failed', detail: '552 mailbox full', classification: 'something_new' });
    expect(advice?.problem).toBe('mailbox_full');
  });
});
