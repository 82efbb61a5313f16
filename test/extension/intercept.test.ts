// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { siteProfileSchema, type SiteProfile } from '../../shared/profile.ts';
import type { ControlMatch } from '../../extension/guard/find-control.ts';
import { interceptDeletes } from '../../extension/guard/intercept.ts';
import { MenuTracker } from '../../extension/guard/menu-tracker.ts';
import { claimHost } from '../../extension/guard/own-ui.ts';
import { consumeApproval, dispatchApproved } from '../../extension/guard/replay-pass.ts';
import { standInCrmDropdown, standInCrmList } from '../../extension/profiles/stand-in-crm.ts';
import { DROPDOWN_PAGE, LIST_PAGE } from './fixtures.ts';

let controller: AbortController;
let blocked: ControlMatch[];
let pageClicks: number;
let profiles: SiteProfile[];

function install(active: SiteProfile[]): void {
  profiles = active;
  interceptDeletes({ getProfiles: () => profiles, menus: new MenuTracker(), onBlocked: (match) => blocked.push(match), signal: controller.signal });
}

function click(target: Element): boolean {
  return target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
}

beforeEach(() => {
  controller = new AbortController();
  blocked = [];
  pageClicks = 0;
  document.body.innerHTML = LIST_PAGE;
});

afterEach(() => controller.abort());

describe('delete interception', () => {
  test('click on the svg path is blocked', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    // The page listens in the capture phase on document and stops propagation, as with ?stopPropagation=1.
    document.addEventListener('click', (event) => { pageClicks += 1; event.stopPropagation(); }, { capture: true, signal: controller.signal });
    const path = document.querySelector('tr path')!;

    const notCanceled = click(path);

    expect(notCanceled).toBe(false);
    expect(pageClicks).toBe(0);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]?.control.getAttribute('data-action')).toBe('delete-customer');
  });

  test('other clicks reach the page', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    document.addEventListener('click', () => (pageClicks += 1), { signal: controller.signal });

    click(document.querySelector('[data-action="open-customer"]')!);

    expect(pageClicks).toBe(1);
    expect(blocked).toHaveLength(0);
  });

  test('no active profile lets clicks pass', () => {
    install([]);
    document.addEventListener('click', () => (pageClicks += 1), { signal: controller.signal });

    click(document.querySelector('tr path')!);

    expect(pageClicks).toBe(1);
  });

  test('Enter and Space on the control are blocked', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    let pageKeys = 0;
    document.addEventListener('keydown', () => (pageKeys += 1), { signal: controller.signal });
    document.addEventListener('keyup', () => (pageKeys += 1), { signal: controller.signal });
    const button = document.querySelector('[data-action="delete-customer"]')!;

    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    button.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true, cancelable: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));

    expect(pageKeys).toBe(1);
    expect(blocked).toHaveLength(1);
  });

  test('mousedown trigger is blocked for the dropdown', () => {
    document.body.innerHTML = DROPDOWN_PAGE;
    install([siteProfileSchema.parse(standInCrmDropdown)]);
    const item = [...document.querySelectorAll('[role="menuitem"]')].find((element) => element.textContent === 'Delete')!;
    let pageDowns = 0;
    item.addEventListener('mousedown', () => (pageDowns += 1), { signal: controller.signal });

    item.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));

    expect(pageDowns).toBe(0);
    expect(blocked).toHaveLength(1);
  });

  test('events from the guard UI are ignored', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    const host = document.createElement('div');
    claimHost(host);
    host.innerHTML = '<button data-action="delete-customer">Confirm and Delete</button>';
    document.body.append(host);

    click(host.querySelector('button')!);

    expect(blocked).toHaveLength(0);
  });

  test('guard UI keys do not reach page listeners', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    const host = document.createElement('div');
    claimHost(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input>';
    document.body.append(host);
    const windowKeys = vi.fn();
    window.addEventListener('keydown', windowKeys, { signal: controller.signal });

    shadow.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true, composed: true }));

    expect(windowKeys).not.toHaveBeenCalled();
  });
});

describe('replay pass', () => {
  test('lets exactly one event through', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    document.addEventListener('click', () => (pageClicks += 1), { signal: controller.signal });
    const button = document.querySelector('[data-action="delete-customer"]')!;

    dispatchApproved(button, new MouseEvent('click', { bubbles: true, cancelable: true }));
    click(button);

    expect(pageClicks).toBe(1);
    expect(blocked).toHaveLength(1);
  });

  test('an approved event cannot be dispatched twice', () => {
    install([siteProfileSchema.parse(standInCrmList)]);
    document.addEventListener('click', () => (pageClicks += 1), { signal: controller.signal });
    const button = document.querySelector('[data-action="delete-customer"]')!;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });

    dispatchApproved(button, event);
    button.dispatchEvent(event);

    expect(pageClicks).toBe(1);
    expect(blocked).toHaveLength(1);
  });

  test('unknown event has no pass', () => {
    const event = new Event('click');
    expect(consumeApproval(event)).toBe(false);
  });
});
