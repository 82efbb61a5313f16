import { z } from 'zod';
import { MAX_CUSTOMER_COUNT } from './customers.ts';

/** Test hooks that any HTML page accepts in its query string. */
export interface PageHooks {
  /** `?shortcuts=1`: count `e` and `Delete` keydowns in `<output id="shortcut-count">`. */
  shortcuts: boolean;
  /** `?rootFontSize=10`: root font size in CSS pixels. */
  rootFontSizePx?: number;
  /** `?count=N`: number of customers to seed before the page renders. */
  count?: number;
  /** `?stopPropagation=1`: the page's scripts stop click propagation in a document capture listener. */
  stopPropagation: boolean;
}

const flagSchema = z.enum(['0', '1']).optional();

const pageHooksSchema = z.object({
  shortcuts: flagSchema,
  stopPropagation: flagSchema,
  rootFontSize: z.coerce.number().min(1).max(100).optional(),
  count: z.coerce.number().int().min(0).max(MAX_CUSTOMER_COUNT).optional(),
});

/**
 * Parses the page hooks from a query string. Returns an error message naming
 * the invalid parameter instead of throwing, so the caller can respond with 400.
 * Parameters the hooks do not use are ignored.
 */
export function parsePageHooks(query: Record<string, string>): { hooks: PageHooks } | { error: string } {
  const parsed = pageHooksSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = issue?.path.map(String).join('.') || 'query';
    return {
      error: `Invalid query parameter "${parameter}": ${issue?.message ?? 'unexpected value'}. ` +
        `Expected shortcuts=1, stopPropagation=1, rootFontSize=1..100 or count=0..${MAX_CUSTOMER_COUNT}.`,
    };
  }

  const { shortcuts, stopPropagation, rootFontSize, count } = parsed.data;
  return {
    hooks: {
      shortcuts: shortcuts === '1',
      stopPropagation: stopPropagation === '1',
      rootFontSizePx: rootFontSize,
      count,
    },
  };
}
