import type { SiteProfile } from '../../shared/profile.ts';

// Profiles for the stand-in CRM in this repository, one per page shape. They are
// written in their parsed form, every default filled in, because the content
// script uses them as they are before the background's validated list arrives.
// A unit test checks that the schema parses each one to itself.

const HOSTS = ['http://127.0.0.1', 'http://localhost'];
const on = (path: string) => HOSTS.map((host) => host + path);

/** Main app, list view `/`: trash icon per row, "Delete selected" for ticked rows. */
export const standInCrmList: SiteProfile = {
  id: 'stand-in-crm-list',
  name: 'Stand-in CRM: customer list',
  matches: on('/'),
  deleteControl: 'button[data-action="delete-customer"]',
  bulk: {
    deleteControl: 'button[data-action="delete-selected"]',
    selectedCheckbox: 'tbody input[type="checkbox"][name="customer"]:checked',
  },
  customer: {
    row: { mode: 'closest', row: 'tr[data-customer-id]' },
    id: { from: 'attribute', name: 'data-customer-id' },
    name: { from: 'row', selector: '[data-field="name"]' },
  },
  triggers: ['click'],
  // The CRM then opens its own "Are you sure?" dialog, which the user confirms.
  proceed: { mode: 'replay', acceptConfirm: false },
  outcome: { waitSeconds: 30 },
};

/** Main app, detail view `/customers/:id`: the id is only in the URL path. */
export const standInCrmDetail: SiteProfile = {
  id: 'stand-in-crm-detail',
  name: 'Stand-in CRM: customer page',
  matches: on('/customers/*'),
  deleteControl: 'button[data-action="delete-customer"]',
  customer: {
    row: { mode: 'page' },
    id: { from: 'pathSegment', index: 1, url: 'page' },
    name: { from: 'heading', selector: 'h1[data-field="name"]' },
  },
  triggers: ['click'],
  proceed: { mode: 'replay', acceptConfirm: false },
  outcome: { waitSeconds: 30 },
};

/**
 * Saved page `/saved/dropdown`: hashed classes and repeated ids, so only ARIA
 * roles, the trigger's aria-label and the item text are usable. The Delete
 * item is in a portal menu and acts on mousedown.
 */
export const standInCrmDropdown: SiteProfile = {
  id: 'stand-in-crm-dropdown',
  name: 'Stand-in CRM: saved dropdown page',
  matches: on('/saved/dropdown'),
  deleteControl: '[role="menu"] [role="menuitem"]',
  controlText: 'Delete',
  customer: {
    row: { mode: 'menuTrigger', trigger: 'button[aria-label="More actions"]', row: '[role="row"]' },
    id: { from: 'pathSegment', index: 1, url: 'link', link: 'a[href^="/customers/"]' },
    name: { from: 'row', selector: '[role="cell"] a' },
  },
  triggers: ['mousedown'],
  proceed: { mode: 'replay', acceptConfirm: false },
  outcome: { waitSeconds: 10 },
};

/** Saved page `/saved/confirm-form`: Delete calls window.confirm, then posts a form and reloads. */
export const standInCrmConfirmForm: SiteProfile = {
  id: 'stand-in-crm-confirm-form',
  name: 'Stand-in CRM: saved confirm-and-form page',
  matches: on('/saved/confirm-form'),
  deleteControl: 'button.btn-delete[data-id]',
  customer: {
    row: { mode: 'closest', row: 'tr' },
    id: { from: 'attribute', name: 'data-id', selector: 'button.btn-delete' },
    name: { from: 'row', selector: 'td:first-child' },
  },
  triggers: ['click'],
  proceed: { mode: 'replay', acceptConfirm: true },
  outcome: { waitSeconds: 10 },
};

/** Saved page `/saved/delete-link`: Delete is a plain link that deletes on GET and redirects back. */
export const standInCrmDeleteLink: SiteProfile = {
  id: 'stand-in-crm-delete-link',
  name: 'Stand-in CRM: saved delete-link page',
  matches: on('/saved/delete-link'),
  deleteControl: 'a.delete-link[href*="/delete?id="]',
  customer: {
    row: { mode: 'closest', row: 'li.customer' },
    id: { from: 'queryParam', param: 'id', url: 'control' },
    name: { from: 'row', selector: '.customer-name' },
  },
  triggers: ['click'],
  proceed: { mode: 'navigate' },
  outcome: { waitSeconds: 10 },
};

/** Every stand-in CRM profile, in the order they are tried. */
export const STAND_IN_CRM_PROFILES: SiteProfile[] = [
  standInCrmList,
  standInCrmDetail,
  standInCrmDropdown,
  standInCrmConfirmForm,
  standInCrmDeleteLink,
];
