// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SupportPort } from '../../extension/lib/support-port.ts';
import { SupportPanel } from '../../extension/support/SupportPanel.tsx';
import type { Delivery } from '../../shared/api/otp.ts';
import type { SupportAccount } from '../../shared/api/support.ts';
import { NOW, click, getButton, getField, mount, ok, type } from './harness.ts';

const ACCOUNT: SupportAccount = {
  id: 'acct_1',
  company: 'Demo Company',
  registeredEmail: 'o***@demo.test',
  companyEmail: null,
  pendingCompanyEmail: null,
  destination: 'o***@demo.test',
  provider: 'other',
  createdAt: new Date(NOW).toISOString(),
};

function delivery(kind: Delivery['kind'], id: string): Delivery {
  return { id, at: new Date(NOW).toISOString(), kind, sentTo: 'o***@demo.test', status: 'sent', attempts: 1 };
}

function createSupport(account: SupportAccount = ACCOUNT): SupportPort {
  return {
    getStatus: vi.fn(() => ok({ hasKey: true })),
    searchAccounts: vi.fn(() => ok({ accounts: [account] })),
    listDeliveries: vi.fn(() => ok({ deliveries: [delivery('test', 'd4'), delivery('notice', 'd3'), delivery('verification', 'd2'), delivery('otp', 'd1')] })),
    sendTestEmail: vi.fn(() => ok({ delivery: delivery('test', 'd5') })),
  };
}

async function openAccount(support: SupportPort) {
  const view = await mount(<SupportPanel support={support} />);
  await type(getField(view.container, 'Customer email'), 'owner@demo.test');
  await click(getButton(view.container, 'Search'));
  await click(getButton(view.container, 'Demo Company (o***@demo.test)'));
  return view;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SupportPanel labels', () => {
  it('names email kinds in words', async () => {
    const { container } = await openAccount(createSupport());
    const items = [...container.querySelectorAll('.dg-delivery')].map((item) => item.textContent ?? '');

    expect(items[0]).toContain('Test email to o***@demo.test');
    expect(items[1]).toContain('Change notice to o***@demo.test');
    expect(items[2]).toContain('Verification email to o***@demo.test');
    expect(items[3]).toContain('Code email to o***@demo.test');
    expect(container.textContent).not.toMatch(/\b(otp|test) to /);
  });

  it('names the provider', async () => {
    const other = await openAccount(createSupport());
    expect(other.container.textContent).toContain('Codes go to o***@demo.test (Other provider).');
    expect(other.container.textContent).not.toContain('(other)');
    document.body.innerHTML = '';

    const gmail = await openAccount(createSupport({ ...ACCOUNT, provider: 'gmail' }));
    expect(gmail.container.textContent).toContain('(Gmail).');
  });

  it('words the test email result', async () => {
    const { container } = await openAccount(createSupport());
    await click(getButton(container, 'Send test email'));

    expect(container.textContent).toContain('Test email to o***@demo.test: accepted by the mail server.');
  });
});
