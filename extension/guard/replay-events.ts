import type { SiteProfile } from '../../shared/profile.ts';
import { dispatchApproved } from './replay-pass.ts';

const PRESS_ORDER = ['pointerdown', 'mousedown'] as const;

function createPointerLikeEvent(type: string, control: Element): Event {
  const box = control.getBoundingClientRect();
  const init: MouseEventInit = {
    bubbles: true,
    cancelable: true,
    composed: true,
    button: 0,
    buttons: type === 'click' ? 0 : 1,
    detail: 1,
    clientX: box.left + box.width / 2,
    clientY: box.top + box.height / 2,
  };
  if (type.startsWith('pointer') && typeof PointerEvent === 'function') {
    return new PointerEvent(type, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true });
  }
  return new MouseEvent(type, init);
}

/**
 * Runs the CRM's own delete once: the profile's press events in browser order,
 * then the click. Each event carries a one-time pass through the guard.
 */
export function replayControl(profile: SiteProfile, control: Element): void {
  for (const type of PRESS_ORDER) {
    if (profile.triggers.includes(type)) dispatchApproved(control, createPointerLikeEvent(type, control));
  }
  if (profile.triggers.includes('mousedown')) dispatchApproved(control, createPointerLikeEvent('mouseup', control));
  dispatchApproved(control, createPointerLikeEvent('click', control));
}
