// @vitest-environment happy-dom
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiPort } from '../../extension/lib/api-port.ts';
import { DeletionModal } from '../../extension/components/DeletionModal.tsx';
import { TroubleshootingHelper } from '../../extension/components/TroubleshootingHelper.tsx';
import type { Delivery } from '../../shared/index.ts';
import { choose, click, createFakeApi, fail, getButton, getField, isoIn, makeStatus, mount, ok, press, type } from './harness.ts';

// happy-dom lays nothing out, so axe cannot compute colours; contrast is checked by eye in the styles.
const AXE_OPTIONS: axe.RunOptions = { rules: { 'color-contrast': { enabled: false } } };

async function expectNoViolations(container: HTMLElement) {
  const results = await axe.run(container, AXE_OPTIONS);
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(', ')}`);
  expect(summary).toEqual([]);
}

afterEach(() => {
  document.body.innerHTML = '';
});

const CUSTOMERS = [
  { id: 'c-1', name: 'Ada' },
  { id: 'c-2', name: 'Grace' },
];

describe('axe checks', () => {
  it('finds no violations in the modal form', async () => {
    const api = createFakeApi();
    const { container } = await mount(<DeletionModal customers={CUSTOMERS} api={api} helper={TroubleshootingHelper} onApproved={vi.fn()} onClose={vi.fn()} />);
    await expectNoViolations(container);
  });

  it('finds no violations with field errors and an alert', async () => {
    const api = createFakeApi({ sendOtp: vi.fn(() => fail('MAIL_FAILED', { reason: 'timed out' }, 502)) });
    const { container } = await mount(<DeletionModal customers={CUSTOMERS} api={api} helper={TroubleshootingHelper} onApproved={vi.fn()} onClose={vi.fn()} />);
    await choose(getField<HTMLSelectElement>(container, 'Reason'), 'Other');
    await type(getField(container, 'Confirmation word'), 'delete');
    await press(getField(container, 'One-time code'), 'Enter');
    await click(getButton(container, 'Send OTP'));
    await expectNoViolations(container);
  });

  it('finds no violations in the loading error state', async () => {
    const api = createFakeApi({ getSettings: vi.fn(() => fail('API_KEY_MISSING', {}, 0)) });
    const { container } = await mount(<DeletionModal customers={CUSTOMERS} api={api} helper={TroubleshootingHelper} onApproved={vi.fn()} onClose={vi.fn()} />);
    await expectNoViolations(container);
  });

  it('finds no violations in the helper', async () => {
    const deliveries: Delivery[] = [
      { id: 'd-1', at: isoIn(-60), kind: 'otp', sentTo: 'o***@acme.test', status: 'failed', detail: '552 mailbox full' },
      { id: 'd-2', at: isoIn(-600), kind: 'verification', sentTo: 'o***@acme.test', status: 'sent' },
    ];
    const api = createFakeApi({ getOtpStatus: vi.fn(() => ok(makeStatus({ provider: 'gmail', deliveries, resendAvailableAt: isoIn(30) }))) });
    const { container } = await mount(
      <TroubleshootingHelper api={api} onClose={vi.fn()} supportUrl="https://support.example.test" />,
    );
    await click(getButton(container, 'Use a different email'));
    await type(getField(container, 'Email address'), 'not an address');
    await click(getButton(container, 'Send verification code'));
    await expectNoViolations(container);
  });
});
