// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiPort } from '../../extension/lib/api-port.ts';
import { TroubleshootingHelper } from '../../extension/components/TroubleshootingHelper.tsx';
import type { Delivery, MailProvider } from '../../shared/index.ts';
import {
  NOW,
  alertText,
  click,
  createFakeApi,
  fail,
  flush,
  getButton,
  getField,
  isoIn,
  makeSendResponse,
  makeSettings,
  makeStatus,
  mount,
  ok,
  press,
  queryButton,
  type,
  type FakeApi,
} from './harness.ts';

async function openHelper(options: { api?: FakeApi; supportUrl?: string } = {}) {
  const api = options.api ?? createFakeApi();
  const onClose = vi.fn();
  const onResent = vi.fn();
  const view = await mount(
    <TroubleshootingHelper api={api} onClose={onClose} onResent={onResent} supportUrl={options.supportUrl} />,
  );
  return { ...view, api, onClose, onResent };
}

function apiWithStatus(overrides: Parameters<typeof makeStatus>[0]) {
  return createFakeApi({ getOtpStatus: vi.fn(() => ok(makeStatus(overrides))) });
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('TroubleshootingHelper provider steps', () => {
  const CASES: Array<[MailProvider, string, string[]]> = [
    ['gmail', 'Gmail', ['Spam in the left sidebar', '"More"', 'Promotions and Updates', '"Report not spam"']],
    ['outlook', 'Outlook or Hotmail', ['Junk Email folder', '"Other" tab next to "Focused"', '"Mark as not junk"']],
    ['yahoo', 'Yahoo Mail', ['Spam folder', '"Not spam"']],
    ['other', 'your email provider', ['spam, junk or bulk', 'mail filter or rule', 'quarantine', 'IT team']],
  ];

  it.each(CASES)('shows the %s steps', async (provider, providerName, phrases) => {
    const { container } = await openHelper({ api: apiWithStatus({ provider, sentTo: 'o***@mail.test' }) });
    const steps = container.querySelector('ol')?.textContent ?? '';
    for (const phrase of phrases) expect(steps).toContain(phrase);
    expect(steps).toContain('"OTP" or "Delete Guard"');
    const expected = provider === 'other' ? 'Codes go to o***@mail.test.' : `Codes go to o***@mail.test (${providerName}).`;
    expect(container.textContent).toContain(expected);
  });

  it('names no provider for other mail', async () => {
    const { container } = await openHelper({ api: apiWithStatus({ provider: 'other', sentTo: 'o***@demo.test' }) });
    expect(container.textContent).not.toContain('(your email provider)');
  });

  it('does not mix steps of other providers', async () => {
    const { container } = await openHelper({ api: apiWithStatus({ provider: 'yahoo' }) });
    expect(container.textContent).not.toContain('Report not spam');
    expect(container.textContent).not.toContain('Junk Email');
  });
});

describe('TroubleshootingHelper status', () => {
  it('shows the subject line and copies it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { container } = await openHelper();
    expect(container.querySelector('code')?.textContent).toBe('Your Delete Guard code for Acme');

    await click(getButton(container, 'Copy'));
    expect(writeText).toHaveBeenCalledWith('Your Delete Guard code for Acme');
    expect(container.textContent).toContain('Subject line copied.');
  });

  it('selects the subject when the clipboard is blocked', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    const { container } = await openHelper();
    await click(getButton(container, 'Copy'));
    expect(container.textContent).toContain('the subject is selected instead');
  });

  it('says how long ago the last code went out', async () => {
    const deliveries: Delivery[] = [{ id: 'd-1', at: isoIn(-180), kind: 'otp', sentTo: 'o***@acme.test', status: 'sent' }];
    const { container } = await openHelper({ api: apiWithStatus({ deliveries, issuedAt: isoIn(-180) }) });
    expect(container.textContent).toContain('The last code was sent 3 minutes ago.');
    expect(container.textContent).toContain('within 2–5 minutes');

    vi.advanceTimersByTime(120_000);
    await flush();
    expect(container.textContent).toContain('sent 5 minutes ago');
  });

  it('lists deliveries newest first with their status', async () => {
    const deliveries: Delivery[] = [
      { id: 'd-1', at: isoIn(-600), kind: 'otp', sentTo: 'o***@acme.test', status: 'sent' },
      { id: 'd-2', at: isoIn(-60), kind: 'otp', sentTo: 'o***@acme.test', status: 'retrying' },
    ];
    const { container } = await openHelper({ api: apiWithStatus({ deliveries }) });
    const items = Array.from(container.querySelectorAll('.dg-delivery'));
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Retrying');
    expect(items[1]?.textContent).toContain('Sent');
    expect(items[0]?.textContent).toContain('o***@acme.test');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe(isoIn(-60));
  });

  it('turns a full mailbox bounce into the free-space step', async () => {
    const deliveries: Delivery[] = [
      { id: 'd-1', at: isoIn(-60), kind: 'otp', sentTo: 'o***@acme.test', status: 'failed', detail: '552 mailbox full' },
    ];
    const { container } = await openHelper({ api: apiWithStatus({ deliveries }) });
    const item = container.querySelector('.dg-delivery')!;
    expect(item.textContent).toContain('Failed');
    expect(item.textContent).toContain('The mailbox is full');
    expect(item.textContent).toContain('Free up space in that mailbox');
    expect(item.textContent).toContain('552 mailbox full');
  });

  it('shows Retry when the status cannot load', async () => {
    const api = createFakeApi({ getOtpStatus: vi.fn(() => fail('API_UNREACHABLE', {}, 0)) });
    const { container } = await openHelper({ api });
    expect(alertText(container)).toContain("Can't reach the Delete Guard server");
    api.getOtpStatus.mockImplementation(() => ok(makeStatus()));
    await click(getButton(container, 'Retry'));
    expect(container.textContent).toContain('Where to look');
  });

  it('calls onClose from the close button', async () => {
    const { container, onClose } = await openHelper();
    await click(getButton(container, 'Close'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('TroubleshootingHelper resend', () => {
  it('counts down, then resends the code', async () => {
    const { container, api, onResent } = await openHelper({ api: apiWithStatus({ resendAvailableAt: isoIn(30) }) });
    expect(getButton(container, 'Resend code').disabled).toBe(true);
    expect(container.textContent).toContain('Resend in 0:30');

    vi.advanceTimersByTime(30_000);
    await flush();
    const button = getButton(container, 'Resend code');
    expect(button.disabled).toBe(false);

    await click(button);
    expect(api.sendOtp).toHaveBeenCalledTimes(1);
    expect(onResent).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('A new code is on its way to o***@acme.test');
    expect(getButton(container, 'Resend code').disabled).toBe(true);
  });

  it('shows why a resend failed', async () => {
    const api = createFakeApi({ sendOtp: vi.fn(() => fail('SEND_LIMIT_REACHED', { retryAfterSeconds: 600 }, 429)) });
    const { container, onResent } = await openHelper({ api });
    await click(getButton(container, 'Resend code'));
    expect(alertText(container)).toContain('Too many codes were sent in the last hour. Try again in 10 minutes.');
    expect(onResent).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Resend in 10:00');
  });
});

describe('TroubleshootingHelper different email', () => {
  it('rejects an invalid address at the field', async () => {
    const { container, api } = await openHelper();
    await click(getButton(container, 'Use a different email'));
    const address = getField(container, 'Email address');

    await type(address, 'Jane <jane@new.test>');
    await click(getButton(container, 'Send verification code'));
    expect(api.setCompanyEmail).not.toHaveBeenCalled();
    expect(address.getAttribute('aria-invalid')).toBe('true');
    const errorId = address.getAttribute('aria-describedby')!.split(' ').pop()!;
    expect(container.querySelector(`#${CSS.escape(errorId)}`)?.textContent).toContain('Enter one plain email address');

    await type(address, '');
    await click(getButton(container, 'Send verification code'));
    expect(container.textContent).toContain('Enter an email address.');
  });

  it('switches codes to a verified new address', async () => {
    const api = createFakeApi({
      verifyCompanyEmail: vi.fn(() => ok(makeSettings({ companyEmail: 'j***@new.test', destination: 'j***@new.test' }))),
    });
    const { container } = await openHelper({ api });
    await click(getButton(container, 'Use a different email'));
    vi.advanceTimersByTime(1);
    expect(document.activeElement).toBe(getField(container, 'Email address'));

    await type(getField(container, 'Email address'), ' jane@NEW.test ');
    await press(getField(container, 'Email address'), 'Enter');
    expect(api.setCompanyEmail).toHaveBeenCalledWith('jane@new.test');
    expect(container.textContent).toContain('We sent a code to j***@new.test');

    await type(getField(container, 'Verification code'), '４２４ ２４２');
    await click(getButton(container, 'Confirm email'));
    expect(api.verifyCompanyEmail).toHaveBeenCalledWith('424242');
    expect(container.textContent).toContain('Codes now go to j***@new.test');
    expect(container.textContent).toContain('send a new one');
    expect(api.getOtpStatus).toHaveBeenCalledTimes(2);
  });

  it('ends the resend countdown on a new address', async () => {
    let statusLoads = 0;
    const api = createFakeApi({
      // The first load and the status after the helper's own resend show a wait; the API ends it once the address changes.
      getOtpStatus: vi.fn(() => ok(makeStatus({ resendAvailableAt: isoIn(++statusLoads < 3 ? 60 : 0, Date.now()), sentTo: statusLoads < 3 ? 'o***@acme.test' : 'j***@new.test' }))),
      sendOtp: vi.fn(() => ok(makeSendResponse({ resendAvailableAt: isoIn(60, Date.now()) }))),
      verifyCompanyEmail: vi.fn(() => ok(makeSettings({ companyEmail: 'j***@new.test', destination: 'j***@new.test' }))),
    });
    const { container } = await openHelper({ api });
    vi.advanceTimersByTime(60_000);
    await flush();
    await click(getButton(container, 'Resend code'));
    expect(getButton(container, 'Resend code').disabled).toBe(true);

    await click(getButton(container, 'Use a different email'));
    await type(getField(container, 'Email address'), 'jane@new.test');
    await click(getButton(container, 'Send verification code'));
    await type(getField(container, 'Verification code'), '424242');
    await click(getButton(container, 'Confirm email'));
    await flush();

    expect(container.textContent).toContain('Codes go to j***@new.test');
    expect(getButton(container, 'Resend code').disabled).toBe(false);
    expect(container.textContent).not.toContain('Resend in');
  });

  it('shows a wrong verification code at the field', async () => {
    const api = createFakeApi({ verifyCompanyEmail: vi.fn(() => fail('VERIFICATION_FAILED', {}, 403)) });
    const { container } = await openHelper({ api });
    await click(getButton(container, 'Use a different email'));
    await type(getField(container, 'Email address'), 'jane@new.test');
    await click(getButton(container, 'Send verification code'));
    await type(getField(container, 'Verification code'), '000000');
    await click(getButton(container, 'Confirm email'));
    expect(getField(container, 'Verification code').getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('That verification code is wrong or has expired.');
    expect(queryButton(container, 'Confirm email')).not.toBeNull();
  });
});

describe('TroubleshootingHelper support link', () => {
  it('links to support when a URL is set', async () => {
    const { container } = await openHelper({ supportUrl: 'https://support.example.test/delete-guard' });
    const link = Array.from(container.querySelectorAll('a')).find((anchor) => anchor.textContent === 'Contact support');
    expect(link?.getAttribute('href')).toBe('https://support.example.test/delete-guard');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('hides the link without a URL or with a script URL', async () => {
    const first = await openHelper();
    expect(first.container.textContent).not.toContain('Contact support');
    await first.unmount();
    const second = await openHelper({ supportUrl: 'javascript:alert(1)' });
    expect(second.container.textContent).not.toContain('Contact support');
  });
});
