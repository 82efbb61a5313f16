import { claimHost } from './own-ui.ts';

const NOTICE_MS = 15_000;

// Sizes in px, so the page's root font size cannot change them.
const NOTICE_CSS = `
:host { all: initial; }
.notice { position: fixed; top: 16px; right: 16px; z-index: 2147483647; max-width: 380px; box-sizing: border-box;
  padding: 12px 40px 12px 14px; border-radius: 8px; border: 1px solid #b42318; background: #fff; color: #1d2939;
  font: 14px/20px system-ui, sans-serif; box-shadow: 0 8px 24px rgba(16, 24, 40, 0.2); }
.title { display: block; font-weight: 600; margin-bottom: 4px; color: #b42318; }
button { position: absolute; top: 8px; right: 8px; width: 24px; height: 24px; border: 0; background: none;
  font: 18px/24px system-ui, sans-serif; cursor: pointer; color: #475467; }
`;

let current: HTMLElement | null = null;

/**
 * Shows a small notice saying why a delete was blocked and what to do. Plain
 * DOM, so it also works after the extension context is gone.
 */
export function showNotice(message: string): void {
  current?.remove();
  const host = document.createElement('delete-guard-notice');
  claimHost(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = NOTICE_CSS;

  const box = document.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.className = 'title';
  title.textContent = 'Delete Guard blocked this delete';
  const text = document.createElement('span');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => host.remove());
  box.append(title, text, close);
  shadow.append(style, box);

  (document.body ?? document.documentElement).append(host);
  current = host;
  setTimeout(() => host.remove(), NOTICE_MS);
}
