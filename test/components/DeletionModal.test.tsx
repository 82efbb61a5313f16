// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiPort } from '../../extension/lib/api-port.ts';
import { DeletionModal } from '../../extension/components/DeletionModal.tsx';
import { TroubleshootingHelper } from '../../extension/components/TroubleshootingHelper.tsx';
import type { CodeMemory } from '../../extension/components/code-memory.ts';
import type { Customer } from '../../shared/index.ts';
import {
  APPROVAL,
  NOW,
  alertText,
  choose,
  click,
  createFakeApi,
  fail,
  flush,
  getButton,
  getField,
  isoIn,
  makeSettings,
  makeStatus,
  mount,
  ok,
  press,
  queryButton,
  type,
  type FakeApi,
} from './harness.ts';

const ONE_CUSTOMER: Customer[] = [{ id: 'c-1', name: 'Ada Lovelace' }];

function createMemory(initial: string | null = null): CodeMemory & { value: string | null } {
  const memory = {
    value: initial,
    get: vi.fn(() => memory.value),
    set: vi.fn((code: string) => {
      memory.value = code;
    }),
    clear: vi.fn(() => {
      memory.value = null;
    }),
  };
  return memory;
}

async function openModal(options: { api?: FakeApi; customers?: Customer[]; codeMemory?: CodeMemory; returnFocus?: HTMLElement } = {}) {
  const api = options.api ?? createFakeApi();
  const onApproved = vi.fn();
  const onClose = vi.fn();
  const view = await mount(
    <DeletionModal
      customers={options.customers ?? ONE_CUSTOMER}
      api={api}
      helper={TroubleshootingHelper}
      onApproved={onApproved}
      onClose={onClose}
      pageUrl="http://localhost:4000/customers"
      codeMemory={options.codeMemory}
      returnFocus={options.returnFocus}
    />,
  );
  return { ...view, api, onApproved, onClose };
}

async function fillReasonAndWord(container: HTMLElement) {
  await choose(getField<HTMLSelectElement>(container, 'Reason'), 'Duplicate record');
  await type(getField(container, 'Confirmation word'), 'DELETE');
}

async function fillValidForm(container: HTMLElement, code = '123456') {
  await fillReasonAndWord(container);
  await type(getField(container, 'One-time code'), code);
}

function confirmButton(container: HTMLElement) {
  return getButton(container, 'Confirm and Delete');
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('DeletionModal loading', () => {
  it('shows the title and customer after loading', async () => {
    const { container, api } = await openModal();
    expect(api.getSettings).toHaveBeenCalledTimes(1);
    expect(api.getOtpStatus).toHaveBeenCalledTimes(1);
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const title = container.querySelector(`#${CSS.escape(dialog.getAttribute('aria-labelledby')!)}`);
    expect(title?.textContent).toBe('Delete customer');
    expect(container.textContent).toContain('Ada Lovelace');
    expect(container.textContent).toContain('c-1');
  });

  it('titles a bulk delete with the count and lists every customer', async () => {
    const customers = [
      { id: 'c-1', name: 'Ada' },
      { id: 'c-2', name: 'Grace' },
      { id: 'c-3', name: '' },
    ];
    const { container } = await openModal({ customers });
    expect(container.querySelector('h2')?.textContent).toBe('Delete 3 customers');
    const items = container.querySelectorAll('ul.dg-customers li');
    expect(items).toHaveLength(3);
    expect(items[2]?.textContent).toContain('Unnamed customer');
    expect(items[2]?.textContent).toContain('c-3');
  });

  it('shows the loading state first', async () => {
    const api = createFakeApi({ getSettings: vi.fn(() => new Promise<never>(() => {})) });
    const { container } = await openModal({ api });
    expect(container.textContent).toContain('Loading');
    expect(queryButton(container, 'Confirm and Delete')).toBeNull();
  });

  it('offers Retry and Cancel when loading fails', async () => {
    const api = createFakeApi({ getSettings: vi.fn(() => fail('API_UNREACHABLE', {}, 0)) });
    const { container, onClose } = await openModal({ api });
    expect(alertText(container)).toContain("Can't reach the Delete Guard server");

    api.getSettings.mockImplementation(createFakeApi().getSettings);
    await click(getButton(container, 'Retry'));
    expect(api.getSettings).toHaveBeenCalledTimes(2);
    expect(queryButton(container, 'Confirm and Delete')).not.toBeNull();

    api.getSettings.mockImplementation(() => fail('API_KEY_MISSING', {}, 0));
    await click(getButton(container, 'Cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('DeletionModal cached data', () => {
  const cached = { settings: makeSettings({ reasons: ['Cached reason', 'Other'] }), status: makeStatus() };

  function mountWithCache(api: FakeApi, onDataChange = vi.fn()) {
    return mount(
      <DeletionModal customers={ONE_CUSTOMER} api={api} helper={TroubleshootingHelper} onApproved={vi.fn()} onClose={vi.fn()} cached={cached} onDataChange={onDataChange} />,
    );
  }

  it('shows the form before the API answers', async () => {
    const pending = () => new Promise<never>(() => {});
    const api = createFakeApi({ getSettings: vi.fn(pending), getOtpStatus: vi.fn(pending) });
    const { container } = await mountWithCache(api);
    expect(container.textContent).not.toContain('Loading');
    expect(container.textContent).toContain('Cached reason');
    expect(document.activeElement).toBe(getField(container, 'Reason'));
    expect(api.getSettings).toHaveBeenCalledTimes(1);
  });

  it('replaces the cache with fresh data', async () => {
    const onDataChange = vi.fn();
    const { container } = await mountWithCache(createFakeApi(), onDataChange);
    expect(container.textContent).toContain('Duplicate record');
    expect(container.textContent).not.toContain('Cached reason');
    expect(onDataChange).toHaveBeenLastCalledWith({ settings: makeSettings(), status: makeStatus() });
  });

  it('shows the error when the fresh load fails', async () => {
    const onDataChange = vi.fn();
    const api = createFakeApi({ getSettings: vi.fn(() => fail('UNAUTHORIZED', {}, 401)) });
    const { container } = await mountWithCache(api, onDataChange);
    expect(alertText(container)).toContain('API key was not accepted');
    expect(queryButton(container, 'Confirm and Delete')).toBeNull();
    expect(onDataChange).toHaveBeenLastCalledWith(undefined);
  });
});

describe('DeletionModal full flow', () => {
  it('sends one request with the normalized code on double click', async () => {
    const { container, api, onApproved } = await openModal();
    await fillReasonAndWord(container);

    await click(getButton(container, 'Send OTP'));
    expect(api.sendOtp).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('Sent to o***@acme.test');

    const codeInput = getField(container, 'One-time code');
    await type(codeInput, '１２３ ４５６');
    expect(codeInput.value).toBe('123456');

    const button = confirmButton(container);
    expect(button.disabled).toBe(false);
    button.click();
    button.click();
    await flush();
    await click(button);

    expect(api.createDeletion).toHaveBeenCalledTimes(1);
    const request = api.createDeletion.mock.calls[0]![0];
    expect(request).toEqual({
      customers: ONE_CUSTOMER,
      reason: 'Duplicate record',
      confirmation: 'DELETE',
      otp: '123456',
      pageUrl: 'http://localhost:4000/customers',
    });
    expect(onApproved).toHaveBeenCalledTimes(1);
    expect(onApproved).toHaveBeenCalledWith(APPROVAL, request);
  });

  it('sends one request on double Enter and keeps leading zeros', async () => {
    const { container, api } = await openModal();
    await fillValidForm(container, '012345');
    const codeInput = getField(container, 'One-time code');
    await press(codeInput, 'Enter');
    await press(codeInput, 'Enter');
    expect(api.createDeletion).toHaveBeenCalledTimes(1);
    expect(api.createDeletion.mock.calls[0]![0].otp).toBe('012345');
  });

  it('sends one request when Enter and click race', async () => {
    type DeletionResult = Awaited<ReturnType<ApiPort['createDeletion']>>;
    let resolve: (value: DeletionResult) => void = () => {};
    const api = createFakeApi({ createDeletion: () => new Promise<DeletionResult>((done) => (resolve = done)) });
    const { container, onApproved } = await openModal({ api });
    await fillValidForm(container);
    await press(getField(container, 'One-time code'), 'Enter');
    await click(confirmButton(container));
    await press(getField(container, 'Confirmation word'), 'Enter');
    expect(api.createDeletion).toHaveBeenCalledTimes(1);
    expect(confirmButton(container).getAttribute('aria-disabled')).toBe('true');

    resolve({ ok: true, data: APPROVAL });
    await flush();
    expect(onApproved).toHaveBeenCalledTimes(1);
  });

  it('ignores Enter while an IME is composing', async () => {
    const { container, api } = await openModal();
    await fillValidForm(container);
    const word = getField(container, 'Confirmation word');

    const composing = await press(word, 'Enter', { isComposing: true });
    expect(composing.defaultPrevented).toBe(true);
    await press(word, 'Enter', { keyCode: 229 });
    expect(api.createDeletion).not.toHaveBeenCalled();

    await press(word, 'Enter');
    expect(api.createDeletion).toHaveBeenCalledTimes(1);
  });

  it('lets Enter in the note add a line instead of submitting', async () => {
    const { container, api } = await openModal();
    await fillValidForm(container);
    await press(getField(container, 'Note'), 'Enter');
    expect(api.createDeletion).not.toHaveBeenCalled();
  });
});

describe('DeletionModal validation', () => {
  it('keeps Confirm disabled until every field is valid', async () => {
    const { container } = await openModal();
    expect(confirmButton(container).disabled).toBe(true);

    await choose(getField<HTMLSelectElement>(container, 'Reason'), 'Duplicate record');
    expect(confirmButton(container).disabled).toBe(true);

    await type(getField(container, 'Confirmation word'), 'DELETE');
    expect(confirmButton(container).disabled).toBe(true);

    await type(getField(container, 'One-time code'), '12345');
    expect(confirmButton(container).disabled).toBe(true);

    await type(getField(container, 'One-time code'), '123456');
    expect(confirmButton(container).disabled).toBe(false);

    await type(getField(container, 'One-time code'), '1234567');
    expect(confirmButton(container).disabled).toBe(true);
    expect(container.textContent).toContain('The code has 6 digits, but this has 7.');
  });

  it('uses the digit count from the settings', async () => {
    const api = createFakeApi({
      getSettings: vi.fn(() =>
        createFakeApi()
          .getSettings()
          .then((result) => (result.ok ? { ...result, data: { ...result.data, limits: { ...result.data.limits, otpDigits: 8 } } } : result)),
      ),
    });
    const { container } = await openModal({ api });
    await fillValidForm(container, '123456');
    expect(confirmButton(container).disabled).toBe(true);
    await type(getField(container, 'One-time code'), '1234-5678');
    expect(confirmButton(container).disabled).toBe(false);
  });

  it('matches the confirmation word case-sensitively', async () => {
    const { container } = await openModal();
    await fillValidForm(container);
    const word = getField(container, 'Confirmation word');

    await type(word, 'delete');
    expect(confirmButton(container).disabled).toBe(true);
    await type(word, 'Delete');
    expect(confirmButton(container).disabled).toBe(true);
    word.dispatchEvent(new Event('blur'));
    await flush();
    expect(container.textContent).toContain('Check the capital letters');
    expect(container.textContent).toContain('Case-sensitive');
  });

  it('trims spaces and no-break spaces around the word', async () => {
    const { container, api } = await openModal();
    await fillValidForm(container);
    await type(getField(container, 'Confirmation word'), '\u00A0 DELETE\u00A0');
    expect(confirmButton(container).disabled).toBe(false);
    await click(confirmButton(container));
    expect(api.createDeletion.mock.calls[0]![0].confirmation).toBe('DELETE');
  });

  it('sets the no-autocorrect attributes on the word field', async () => {
    const { container } = await openModal();
    const word = getField(container, 'Confirmation word');
    expect(word.getAttribute('autocapitalize')).toBe('off');
    expect(word.getAttribute('autocorrect')).toBe('off');
    // happy-dom has no spellcheck property, so Preact can only leave the attribute off there.
    const spellcheck = (word as { spellcheck?: boolean }).spellcheck;
    if (spellcheck !== undefined) expect(spellcheck).toBe(false);
    else expect(word.getAttribute('spellcheck')).not.toBe('true');
    expect(word.getAttribute('autocomplete')).toBe('off');
  });

  it('sets the one-time code attributes on the code field', async () => {
    const { container } = await openModal();
    const code = getField(container, 'One-time code');
    expect(code.type).toBe('text');
    expect(code.inputMode).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
  });

  it('requires a note for the other reason', async () => {
    const { container, api } = await openModal();
    await fillValidForm(container);
    await choose(getField<HTMLSelectElement>(container, 'Reason'), 'Other');
    expect(confirmButton(container).disabled).toBe(true);
    expect(getField(container, 'Note').required).toBe(true);

    await type(getField(container, 'Note'), '   ');
    expect(confirmButton(container).disabled).toBe(true);

    await type(getField(container, 'Note'), ' Merged into account 42 ');
    expect(confirmButton(container).disabled).toBe(false);
    await click(confirmButton(container));
    expect(api.createDeletion.mock.calls[0]![0]).toMatchObject({ reason: 'Other', note: 'Merged into account 42' });
  });

  it('lists the account reasons in the select', async () => {
    const { container } = await openModal();
    const options = Array.from(getField<HTMLSelectElement>(container, 'Reason').options).map((option) => option.value);
    expect(options).toEqual(['', 'Duplicate record', 'Customer asked to be deleted', 'Other']);
  });

  it('explains missing fields when Enter is pressed too early', async () => {
    const { container, api } = await openModal();
    await press(getField(container, 'Confirmation word'), 'Enter');
    expect(api.createDeletion).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Pick a reason.');
    expect(container.textContent).toContain('Type DELETE to confirm.');
    expect(container.textContent).toContain('Enter all 6 digits');
  });
});

const DELETION_ERRORS: Array<[string, Record<string, unknown>, string]> = [
  ['OTP_INVALID', { attemptsLeft: 3 }, 'Wrong code. 3 tries left.'],
  ['OTP_INVALID', { attemptsLeft: 1 }, 'Wrong code. 1 try left.'],
  ['OTP_EXPIRED', {}, 'This code has expired.'],
  ['OTP_USED_UP', {}, 'used for as many deletions as it allows'],
  ['OTP_LOCKED', {}, 'blocked after too many wrong tries'],
  ['TOO_MANY_FAILURES', { retryAfterSeconds: 900 }, 'Try again in 15 minutes.'],
  ['NOT_ENOUGH_USES', { usesLeft: 2 }, 'only 2 deletions left, but you picked 3 customers'],
  ['NO_ACTIVE_OTP', {}, 'There is no active code yet.'],
  ['CONFIRMATION_MISMATCH', {}, 'The confirmation word doesn\'t match. Type "DELETE" exactly'],
  ['API_UNREACHABLE', {}, "Can't reach the Delete Guard server"],
  ['API_KEY_MISSING', {}, 'open the extension options'],
  ['EXTENSION_RELOADED', {}, 'reload this page'],
  ['STORE_UNAVAILABLE', {}, 'Nothing was deleted.'],
];

describe('DeletionModal error messages', () => {
  it.each(DELETION_ERRORS)('shows the message for %s on confirm', async (code, details, expected) => {
    const api = createFakeApi({ createDeletion: vi.fn(() => fail(code, details)) });
    const customers = [
      { id: 'c-1', name: 'Ada' },
      { id: 'c-2', name: 'Grace' },
      { id: 'c-3', name: 'Edsger' },
    ];
    const { container, onApproved } = await openModal({ api, customers });
    await fillValidForm(container);
    await click(confirmButton(container));
    expect(alertText(container)).toContain(expected);
    expect(onApproved).not.toHaveBeenCalled();
  });

  const SEND_ERRORS: Array<[string, Record<string, unknown>, string]> = [
    ['MAIL_FAILED', { reason: 'the mail server refused the connection' }, 'could not be sent: the mail server refused the connection'],
    ['RESEND_TOO_SOON', { retryAfterSeconds: 42 }, 'A code was sent a moment ago. Try again in 42 seconds.'],
    ['SEND_LIMIT_REACHED', { retryAfterSeconds: 1800 }, 'Too many codes were sent in the last hour. Try again in 30 minutes.'],
  ];

  it.each(SEND_ERRORS)('shows the message for %s on Send OTP', async (code, details, expected) => {
    const api = createFakeApi({ sendOtp: vi.fn(() => fail(code, details, 429)) });
    const { container } = await openModal({ api });
    await click(getButton(container, 'Send OTP'));
    expect(alertText(container)).toContain(expected);
  });

  it('starts the resend countdown after RESEND_TOO_SOON', async () => {
    const api = createFakeApi({ sendOtp: vi.fn(() => fail('RESEND_TOO_SOON', { retryAfterSeconds: 42 }, 429)) });
    const { container } = await openModal({ api });
    await click(getButton(container, 'Send OTP'));
    expect(container.textContent).toContain('Resend in 0:42');
    expect(getButton(container, 'Send OTP').disabled).toBe(true);
  });

  it('treats a thrown port error as unreachable', async () => {
    const api = createFakeApi({ createDeletion: vi.fn(() => Promise.reject(new Error('Failed to fetch'))) });
    const { container } = await openModal({ api });
    await fillValidForm(container);
    await click(confirmButton(container));
    expect(alertText(container)).toContain("Can't reach the Delete Guard server");
  });

  it('maps a lost extension context to a page reload', async () => {
    const api = createFakeApi({ createDeletion: vi.fn(() => Promise.reject(new Error('Extension context invalidated.'))) });
    const { container } = await openModal({ api });
    await fillValidForm(container);
    await click(confirmButton(container));
    expect(alertText(container)).toContain('reload this page');
  });

  it('allows a retry after an error', async () => {
    const api = createFakeApi({ createDeletion: vi.fn(() => fail('OTP_INVALID', { attemptsLeft: 4 }, 403)) });
    const { container, onApproved } = await openModal({ api });
    await fillValidForm(container);
    await click(confirmButton(container));
    expect(alertText(container)).toContain('4 tries left');

    api.createDeletion.mockImplementation(() => ok(APPROVAL));
    await type(getField(container, 'One-time code'), '654321');
    await click(confirmButton(container));
    expect(api.createDeletion).toHaveBeenCalledTimes(2);
    expect(onApproved).toHaveBeenCalledTimes(1);
  });

  it('returns to Send OTP after the code expired', async () => {
    const memory = createMemory('123456');
    const api = createFakeApi({
      getOtpStatus: vi.fn(() => ok(makeStatus({ active: true, issuedAt: isoIn(-600), expiresAt: isoIn(3000), usesLeft: 10 }))),
      createDeletion: vi.fn(() => fail('OTP_EXPIRED', {}, 410)),
    });
    const { container } = await openModal({ api, codeMemory: memory });
    await fillReasonAndWord(container);
    await click(confirmButton(container));
    expect(memory.clear).toHaveBeenCalled();
    expect(getField(container, 'One-time code').value).toBe('');
    expect(queryButton(container, 'Send OTP')).not.toBeNull();
  });
});

describe('DeletionModal code section', () => {
  it('counts down and allows a resend when time passes', async () => {
    const { container } = await openModal();
    await click(getButton(container, 'Send OTP'));
    expect(container.textContent).toContain('Resend in 1:00');
    expect(getButton(container, 'Send OTP').disabled).toBe(true);

    await flush();
    vi.advanceTimersByTime(18_000);
    await flush();
    expect(container.textContent).toContain('Resend in 0:42');

    vi.advanceTimersByTime(42_000);
    await flush();
    expect(container.textContent).not.toContain('Resend in');
    expect(getButton(container, 'Send OTP').disabled).toBe(false);
  });

  it('moves focus to the code field after sending', async () => {
    const { container } = await openModal();
    await click(getButton(container, 'Send OTP'));
    expect(document.activeElement).toBe(getField(container, 'One-time code'));
  });

  it('describes an active code and prefills the remembered one', async () => {
    const memory = createMemory('012345');
    const api = createFakeApi({
      getOtpStatus: vi.fn(() => ok(makeStatus({ active: true, issuedAt: isoIn(-1080), expiresAt: isoIn(42 * 60), usesLeft: 47 }))),
    });
    const { container } = await openModal({ api, codeMemory: memory });
    expect(container.textContent).toContain('o***@acme.test');
    expect(container.textContent).toContain('42 more minutes');
    expect(container.textContent).toContain('47 more deletions');
    expect(getField(container, 'One-time code').value).toBe('012345');
    expect(queryButton(container, 'Send OTP')).toBeNull();
    expect(queryButton(container, 'Send a new code')).not.toBeNull();

    await fillReasonAndWord(container);
    await click(confirmButton(container));
    expect(api.createDeletion.mock.calls[0]![0].otp).toBe('012345');
    expect(memory.set).toHaveBeenCalledWith('012345');
  });

  it('treats missing limits of an active code as not reached', async () => {
    const api = createFakeApi({ getOtpStatus: vi.fn(() => ok(makeStatus({ active: true }))) });
    const { container } = await openModal({ api });
    expect(container.textContent).toContain('A code you got earlier still works. It went to o***@acme.test. Enter');
    expect(container.textContent).not.toContain('more deletions');
  });

  it('forgets the remembered code when no code is active', async () => {
    const memory = createMemory('123456');
    const { container } = await openModal({ codeMemory: memory });
    expect(memory.clear).toHaveBeenCalled();
    expect(getField(container, 'One-time code').value).toBe('');
  });

  it('warns when an active code has too few deletions left', async () => {
    const api = createFakeApi({
      getOtpStatus: vi.fn(() => ok(makeStatus({ active: true, issuedAt: isoIn(-60), expiresAt: isoIn(600), usesLeft: 1 }))),
    });
    const customers = [
      { id: 'c-1', name: 'Ada' },
      { id: 'c-2', name: 'Grace' },
    ];
    const { container } = await openModal({ api, customers });
    expect(container.textContent).toContain('only 1 deletion left, but you picked 2 customers');
  });

  it('forgets the remembered code after a wrong-code answer', async () => {
    const memory = createMemory('111111');
    const api = createFakeApi({
      getOtpStatus: vi.fn(() => ok(makeStatus({ active: true, issuedAt: isoIn(-60), expiresAt: isoIn(600), usesLeft: 5 }))),
      createDeletion: vi.fn(() => fail('OTP_INVALID', { attemptsLeft: 2 }, 403)),
    });
    const { container } = await openModal({ api, codeMemory: memory });
    await fillReasonAndWord(container);
    await click(confirmButton(container));
    expect(memory.clear).toHaveBeenCalled();
    expect(document.activeElement).toBe(getField(container, 'One-time code'));
  });
});

describe('DeletionModal keyboard and focus', () => {
  it('focuses the Reason field first', async () => {
    const { container } = await openModal();
    expect(document.activeElement).toBe(getField(container, 'Reason'));
  });

  it('closes on Escape without any request and restores focus', async () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    const { container, api, onClose, onApproved } = await openModal({ returnFocus: opener });
    await fillValidForm(container);
    await press(getField(container, 'Confirmation word'), 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(api.createDeletion).not.toHaveBeenCalled();
    expect(onApproved).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Cancel without any request', async () => {
    const { container, api, onClose } = await openModal();
    await click(getButton(container, 'Cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(api.createDeletion).not.toHaveBeenCalled();
  });

  it('keeps typed keys from reaching the page', async () => {
    const pageListener = vi.fn();
    document.addEventListener('keydown', pageListener);
    const { container } = await openModal();
    await press(getField(container, 'Confirmation word'), 'd');
    document.removeEventListener('keydown', pageListener);
    expect(pageListener).not.toHaveBeenCalled();
  });

  it('wraps Tab and Shift+Tab inside the dialog', async () => {
    const { container } = await openModal();
    const dialog = container.querySelector<HTMLElement>('[role="dialog"]')!;
    const cancel = getButton(container, 'Cancel');
    const reason = getField<HTMLSelectElement>(container, 'Reason');

    cancel.focus();
    // Confirm and Delete is disabled, so Cancel is the last stop.
    const forward = await press(cancel, 'Tab');
    expect(forward.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(reason);

    const backward = await press(reason, 'Tab', { shiftKey: true });
    expect(backward.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(cancel);

    const note = getField<HTMLTextAreaElement>(container, 'Note');
    note.focus();
    const middle = await press(note, 'Tab');
    expect(middle.defaultPrevented).toBe(false);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('wraps focus inside a shadow root', async () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const api = createFakeApi();
    const { container } = await mount(
      <DeletionModal customers={ONE_CUSTOMER} api={api} helper={TroubleshootingHelper} onApproved={vi.fn()} onClose={vi.fn()} />,
      shadow,
    );
    const reason = getField<HTMLSelectElement>(container, 'Reason');
    const cancel = getButton(container, 'Cancel');
    expect(shadow.activeElement).toBe(reason);

    cancel.focus();
    await press(cancel, 'Tab');
    expect(shadow.activeElement).toBe(reason);
  });

  it('opens the helper as a panel and comes back with the form intact', async () => {
    const { container, api } = await openModal();
    await fillReasonAndWord(container);
    await click(getButton(container, "Didn't get the code?"));
    expect(container.querySelector('form')?.hidden).toBe(true);
    expect(container.textContent).toContain('Where to look');

    await click(getButton(container, 'Back'));
    vi.advanceTimersByTime(1);
    await flush();
    expect(container.querySelector('form')?.hidden).toBe(false);
    expect(getField(container, 'Confirmation word').value).toBe('DELETE');
    expect(api.getOtpStatus.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(document.activeElement).toBe(getButton(container, "Didn't get the code?"));
  });
});
