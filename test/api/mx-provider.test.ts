import { afterEach, describe, expect, it } from 'vitest';
import { startDeliveryStack, type DeliveryStack } from './helpers/delivery-stack.ts';

let stack: DeliveryStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const GOOGLE_MX = [
  { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
  { exchange: 'aspmx.l.google.com', priority: 1 },
];
const MICROSOFT_MX = [{ exchange: 'contoso-test.mail.protection.outlook.com.', priority: 0 }];

describe('provider by MX', () => {
  it('reports gmail for a Google-hosted company domain', async () => {
    // The demo account's address is owner@demo.test.
    stack = await startDeliveryStack({ mxRecords: { 'demo.test': GOOGLE_MX } });

    const send = await stack.call('POST', '/v1/otp');
    expect(send.status).toBe(201);
    expect(send.json.provider).toBe('gmail');
    expect((await stack.call('GET', '/v1/otp')).json.provider).toBe('gmail');
    expect((await stack.call('GET', '/v1/settings')).json.provider).toBe('gmail');
  });

  it('reports the new address provider on company-email', async () => {
    stack = await startDeliveryStack({ mxRecords: { 'demo.test': GOOGLE_MX, 'contoso.test': MICROSOFT_MX } });

    const change = await stack.call('PUT', '/v1/settings/company-email', { email: 'it@contoso.test' });
    expect(change.status).toBe(202);
    expect(change.json.provider).toBe('outlook');
    expect(change.json.delivery.status).toBe('sent');
  });

  it('reports other without MX records', async () => {
    stack = await startDeliveryStack();
    expect((await stack.call('GET', '/v1/otp')).json.provider).toBe('other');
  });

  it('caches one lookup per domain', async () => {
    stack = await startDeliveryStack({ mxRecords: { 'demo.test': GOOGLE_MX } });
    await stack.call('GET', '/v1/otp');
    await stack.call('GET', '/v1/settings');
    await stack.call('POST', '/v1/otp');
    expect(stack.mxLookups).toEqual(['demo.test']);
  });
});
