import type { SiteProfile } from '../../shared/profile.ts';
import { findControl, type ControlMatch } from './find-control.ts';
import type { MenuTracker } from './menu-tracker.ts';
import { isFromOwnUi } from './own-ui.ts';
import { consumeApproval } from './replay-pass.ts';

/** Pointer events that a delete control may act on besides its profile's triggers. */
const ALWAYS_BLOCKED = new Set(['click', 'auxclick', 'dblclick']);
const POINTER_TYPES = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick'] as const;
const OPENING_TYPES = new Set(['pointerdown', 'mousedown', 'click', 'auxclick', 'keydown']);

/** Callbacks and state that the interceptor reads from the guard. */
export interface InterceptOptions {
  /** Profiles that match the current URL, read on every event so pushState navigation is covered. */
  getProfiles(): readonly SiteProfile[];
  menus: MenuTracker;
  /** Called once per blocked gesture that should open the modal. */
  onBlocked(match: ControlMatch, event: Event): void;
  signal?: AbortSignal;
}

function blockEvent(event: Event): void {
  event.stopImmediatePropagation();
  event.preventDefault();
}

function isBlockedPointerType(type: string, profile: SiteProfile): boolean {
  if (ALWAYS_BLOCKED.has(type)) return true;
  if ((profile.triggers as readonly string[]).includes(type)) return true;
  // mouseup and pointerup follow a guarded press; blocking them keeps "act on release" widgets quiet.
  return (type === 'mouseup' && profile.triggers.includes('mousedown')) || (type === 'pointerup' && profile.triggers.includes('pointerdown'));
}

function isActivationKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar';
}

/**
 * Installs the guard's capture listeners on `window`: one per event type, not
 * per row, so pages with thousands of rows stay fast. Window capture listeners
 * run before any listener of the page on document, so no page listener receives
 * a blocked event, even one that stops propagation in its own capture phase.
 */
export function interceptDeletes(options: InterceptOptions): void {
  const { signal } = options;

  const onPointer = (event: Event) => {
    if (consumeApproval(event)) return;
    const path = event.composedPath();
    if (isFromOwnUi(path)) return;
    const profiles = options.getProfiles();
    if (profiles.length === 0) return;

    if (event.type === 'click' || event.type === 'pointerdown' || event.type === 'mousedown') options.menus.record(path, profiles);
    const match = findControl(path, profiles);
    if (!match || !isBlockedPointerType(event.type, match.profile)) return;

    blockEvent(event);
    if (OPENING_TYPES.has(event.type)) options.onBlocked(match, event);
  };

  const onKey = (event: Event) => {
    if (consumeApproval(event) || !(event instanceof KeyboardEvent) || !isActivationKey(event)) return;
    const path = event.composedPath();
    if (isFromOwnUi(path)) return;
    const profiles = options.getProfiles();
    const match = profiles.length === 0 ? null : findControl(path, profiles);
    if (!match) return;

    // Buttons activate on Space keyup and links on Enter keydown, so both are stopped.
    blockEvent(event);
    if (event.type === 'keydown' && !event.repeat) options.onBlocked(match, event);
  };

  for (const type of POINTER_TYPES) window.addEventListener(type, onPointer, { capture: true, signal });
  for (const type of ['keydown', 'keyup', 'keypress']) window.addEventListener(type, onKey, { capture: true, signal });
}
