import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi, type Mock } from 'vitest';
import type { ApiResult, ApiPort } from '../../extension/lib/api-port.ts';
import type { CreateDeletionResponse, OtpStatus, SendOtpResponse, Settings } from '../../shared/index.ts';

/** Fixed clock for every test: 2030-01-01 12:00:00 UTC. */
export const NOW = Date.parse('2030-01-01T12:00:00.000Z');

export function isoIn(seconds: number, from = NOW): string {
  return new Date(from + seconds * 1000).toISOString();
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    company: 'Acme',
    registeredEmail: 'o***@acme.test',
    companyEmail: null,
    pendingCompanyEmail: null,
    destination: 'o***@acme.test',
    provider: 'other',
    confirmationWord: 'DELETE',
    reasons: ['Duplicate record', 'Customer asked to be deleted', 'Other'],
    otherReason: 'Other',
    limits: { otpTtlSeconds: 3600, otpMaxUses: 50, otpResendSeconds: 60, otpMaxAttempts: 5, otpDigits: 6 },
    ...overrides,
  };
}

export function makeStatus(overrides: Partial<OtpStatus> = {}): OtpStatus {
  return {
    active: false,
    sentTo: 'o***@acme.test',
    provider: 'other',
    subject: 'Your Delete Guard code for Acme',
    resendAvailableAt: isoIn(-120),
    deliveries: [],
    ...overrides,
  };
}

export function makeSendResponse(overrides: Partial<SendOtpResponse> = {}): SendOtpResponse {
  return {
    sentTo: 'o***@acme.test',
    provider: 'other',
    issuedAt: isoIn(0),
    expiresAt: isoIn(3600),
    maxUses: 50,
    usesLeft: 50,
    resendAvailableAt: isoIn(60),
    delivery: { id: 'd-1', status: 'sent' },
    ...overrides,
  };
}

export const APPROVAL: CreateDeletionResponse = {
  deletions: [{ id: 'del-1', customerId: 'c-1' }],
  usesLeft: 49,
  expiresAt: isoIn(3600),
};

export function ok<T>(data: T): Promise<ApiResult<T>> {
  return Promise.resolve({ ok: true, data });
}

export function fail(code: string, details: Record<string, unknown> = {}, status = 400): Promise<ApiResult<never>> {
  return Promise.resolve({ ok: false, status, error: { code, message: `server message for ${code}`, ...details } });
}

/** ApiPort whose methods are vitest mocks, so tests can read calls and swap answers. */
export type FakeApi = { [Method in keyof ApiPort]: Mock<ApiPort[Method]> };

/**
 * Creates an ApiPort whose every method is a vi.fn that resolves successfully by
 * default. Each override becomes the implementation of that method's mock.
 */
export function createFakeApi(overrides: Partial<ApiPort> = {}): FakeApi {
  const api: FakeApi = {
    getSettings: vi.fn<ApiPort['getSettings']>(() => ok(makeSettings())),
    getOtpStatus: vi.fn<ApiPort['getOtpStatus']>(() => ok(makeStatus())),
    sendOtp: vi.fn<ApiPort['sendOtp']>(() => ok(makeSendResponse())),
    createDeletion: vi.fn<ApiPort['createDeletion']>(() => ok(APPROVAL)),
    setCompanyEmail: vi.fn<ApiPort['setCompanyEmail']>((email) =>
      ok({ pendingCompanyEmail: `${email[0]}***${email.slice(email.indexOf('@'))}`, provider: 'other', expiresAt: isoIn(900) }),
    ),
    verifyCompanyEmail: vi.fn<ApiPort['verifyCompanyEmail']>(() => ok(makeSettings())),
    removeCompanyEmail: vi.fn<ApiPort['removeCompanyEmail']>(() => ok(makeSettings())),
  };
  if (overrides.getSettings) api.getSettings.mockImplementation(overrides.getSettings);
  if (overrides.getOtpStatus) api.getOtpStatus.mockImplementation(overrides.getOtpStatus);
  if (overrides.sendOtp) api.sendOtp.mockImplementation(overrides.sendOtp);
  if (overrides.createDeletion) api.createDeletion.mockImplementation(overrides.createDeletion);
  if (overrides.setCompanyEmail) api.setCompanyEmail.mockImplementation(overrides.setCompanyEmail);
  if (overrides.verifyCompanyEmail) api.verifyCompanyEmail.mockImplementation(overrides.verifyCompanyEmail);
  if (overrides.removeCompanyEmail) api.removeCompanyEmail.mockImplementation(overrides.removeCompanyEmail);
  return api;
}

/** Lets pending promises settle and Preact re-render, several rounds deep. */
export async function flush(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

/** Renders into a fresh container attached to the document. */
export async function mount(vnode: ComponentChild, parent: HTMLElement | ShadowRoot = document.body) {
  const container = document.createElement('div');
  parent.appendChild(container);
  await act(() => {
    render(vnode, container);
  });
  await flush();
  return {
    container,
    unmount: async () => {
      await act(() => {
        render(null, container);
      });
      container.remove();
    },
  };
}

function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function queryButton(root: ParentNode, name: string): HTMLButtonElement | null {
  const buttons = Array.from(root.querySelectorAll('button'));
  return buttons.find((button) => accessibleName(button) === name) ?? null;
}

export function getButton(root: ParentNode, name: string): HTMLButtonElement {
  const button = queryButton(root, name);
  if (!button) throw new Error(`No button named "${name}"`);
  return button;
}

/** Finds the control whose <label> reads exactly `name`, or that has aria-label `name`. */
export function getField<T extends HTMLElement = HTMLInputElement>(root: ParentNode, name: string): T {
  const labelled = root.querySelector<T>(`[aria-label="${name}"]`);
  if (labelled) return labelled;
  const label = Array.from(root.querySelectorAll('label')).find((element) => element.textContent?.trim() === name);
  const control = label?.htmlFor ? (label.getRootNode() as ParentNode).querySelector<T>(`#${CSS.escape(label.htmlFor)}`) : null;
  if (!control) throw new Error(`No field named "${name}"`);
  return control;
}

export async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string, init: InputEventInit = {}) {
  await act(() => {
    element.value = value;
    element.dispatchEvent(new InputEvent('input', { bubbles: true, ...init }));
  });
  await flush();
}

export async function choose(select: HTMLSelectElement, value: string) {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

export async function click(element: HTMLElement) {
  await act(() => {
    element.click();
  });
  await flush();
}

export async function press(element: Element, key: string, init: KeyboardEventInit & { keyCode?: number } = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode });
  await act(() => {
    element.dispatchEvent(event);
  });
  await flush();
  return event;
}

export function alertText(root: ParentNode): string {
  return Array.from(root.querySelectorAll('[role="alert"]'))
    .map((element) => element.textContent ?? '')
    .join(' ')
    .trim();
}
