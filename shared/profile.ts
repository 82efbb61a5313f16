import { z } from 'zod';

/**
 * Checks a CSS selector with the browser's own parser. Where no DOM exists (the
 * API, a service worker) any non-empty string passes and the page checks later.
 */
function isValidSelector(selector: string): boolean {
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

const selectorSchema = z
  .string()
  .trim()
  .min(1, 'Enter a CSS selector.')
  .max(500, 'The selector is longer than 500 characters.')
  .refine(isValidSelector, { message: 'This is not a valid CSS selector.' });

// Same grammar as the extension manifest's match patterns, without ports: a
// pattern matches its host on any port.
const MATCH_PATTERN = /^(\*|https?):\/\/(\*|(\*\.)?[^/*:]+)(\/.*)$/;

const matchPatternSchema = z
  .string()
  .trim()
  .regex(MATCH_PATTERN, 'Use a match pattern like https://crm.example.com/* (scheme, host without port, path).');

/** Events that a site's delete control acts on. `click` is always guarded too. */
export const TRIGGER_EVENTS = ['click', 'mousedown', 'pointerdown'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Source of the URL for the `queryParam`, `pathSegment` and `hash` id modes. */
const urlSourceSchema = z.enum(['page', 'control', 'link']).default('page');

/** Location of a customer's id. */
export const idSourceSchema = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('attribute'),
    /** Attribute name on the row, or on `selector` inside the row. */
    name: z.string().trim().min(1, 'Enter the attribute name, like data-customer-id.'),
    selector: selectorSchema.optional(),
  }),
  z.object({
    from: z.literal('checkboxValue'),
    /** The row's checkbox; its `value` is the id. */
    selector: selectorSchema,
  }),
  z.object({
    from: z.literal('queryParam'),
    param: z.string().trim().min(1, 'Enter the query parameter name, like id.'),
    url: urlSourceSchema,
    /** Link inside the row whose href is read when `url` is `link`. */
    link: selectorSchema.optional(),
  }),
  z.object({
    from: z.literal('pathSegment'),
    /** Zero-based index into the path split at "/", empty segments dropped: /customers/42 has 42 at 1. */
    index: z.number().int().min(0, 'The index starts at 0.').max(20),
    url: urlSourceSchema,
    link: selectorSchema.optional(),
  }),
  z.object({
    from: z.literal('hash'),
    url: urlSourceSchema,
    link: selectorSchema.optional(),
  }),
]);
export type IdSource = z.infer<typeof idSourceSchema>;

/** Rule that finds the customer a delete control belongs to. */
export const rowSourceSchema = z.discriminatedUnion('mode', [
  z.object({
    /** The row or card is an ancestor of the control. */
    mode: z.literal('closest'),
    row: selectorSchema,
  }),
  z.object({
    /**
     * The delete item is in a menu rendered elsewhere when opened, so the row
     * is the one whose `trigger` (the menu button) was clicked last.
     */
    mode: z.literal('menuTrigger'),
    trigger: selectorSchema,
    row: selectorSchema,
  }),
  z.object({
    /** The whole page is one customer, like a detail page. */
    mode: z.literal('page'),
  }),
]);
export type RowSource = z.infer<typeof rowSourceSchema>;

/** Location of the customer's display name. */
export const nameSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('row'), selector: selectorSchema }),
  z.object({ from: z.literal('heading'), selector: selectorSchema.default('h1') }),
]);

/** Action the guard takes after the API approved a deletion. */
export const proceedSchema = z.discriminatedUnion('mode', [
  z.object({
    /** Dispatch the original events again, once, on the same control. */
    mode: z.literal('replay'),
    /** Accept one native `confirm()` that the replayed action opens. */
    acceptConfirm: z.boolean().default(false),
  }),
  z.object({
    /** Navigate to the control's href (the control must be a link). */
    mode: z.literal('navigate'),
  }),
]);

/** A site profile: how Delete Guard finds and runs one CRM's delete controls. */
export const siteProfileSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use 1 to 63 lower-case letters, digits and dashes, like acme-crm.'),
    name: z.string().trim().min(1, 'Enter a name.').max(100, 'The name is longer than 100 characters.'),
    matches: z.array(matchPatternSchema).min(1, 'Add at least one match pattern.'),
    deleteControl: selectorSchema,
    /**
     * Only elements whose text is exactly this (case-insensitive, spaces
     * collapsed) count as the delete control: for menus whose items differ by
     * text alone.
     */
    controlText: z.string().trim().min(1, 'Enter the text, or leave the field out.').max(100).optional(),
    bulk: z
      .object({
        deleteControl: selectorSchema,
        /** Matches the ticked checkboxes, like `input[name="select"]:checked`; each value is an id. */
        selectedCheckbox: selectorSchema,
      })
      .optional(),
    customer: z.object({
      row: rowSourceSchema,
      id: idSourceSchema,
      name: nameSourceSchema.optional(),
    }),
    triggers: z.array(z.enum(TRIGGER_EVENTS)).min(1, 'Add at least one trigger event.').default(['click']),
    proceed: proceedSchema.default({ mode: 'replay', acceptConfirm: false }),
    outcome: z
      .object({
        /** Seconds to wait for the customer to leave the page before reporting `failed`. */
        waitSeconds: z.number().int().min(1).max(300).default(15),
      })
      .default({ waitSeconds: 15 }),
  })
  .superRefine((profile, context) => {
    const { id, row } = profile.customer;
    if ('url' in id && id.url === 'link' && !id.link) {
      context.addIssue({ code: 'custom', path: ['customer', 'id', 'link'], message: 'Enter the link selector, because url is "link".' });
    }
    if (row.mode === 'page' && id.from !== 'queryParam' && id.from !== 'pathSegment' && id.from !== 'hash') {
      context.addIssue({ code: 'custom', path: ['customer', 'id', 'from'], message: 'A page-mode customer needs its id from the URL: queryParam, pathSegment or hash.' });
    }
    if (profile.proceed.mode === 'navigate' && profile.bulk) {
      context.addIssue({ code: 'custom', path: ['proceed', 'mode'], message: 'Navigate cannot run a bulk delete. Use replay.' });
    }
  });

/** A validated site profile, defaults filled in. */
export type SiteProfile = z.infer<typeof siteProfileSchema>;
/** A site profile as written by hand, before defaults. */
export type SiteProfileInput = z.input<typeof siteProfileSchema>;

/** One field problem, with a dotted path such as `customer.id.name`. */
export interface ProfileIssue {
  path: string;
  message: string;
}

/** Validates a site profile and lists every problem with the path of its field. */
export function validateProfile(input: unknown): { ok: true; profile: SiteProfile } | { ok: false; issues: ProfileIssue[] } {
  const parsed = siteProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(profile)',
    message: issue.message,
  }));
  return { ok: false, issues };
}
