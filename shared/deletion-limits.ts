// Kept apart from the zod schemas in api/deletions.ts so the content script can
// import the limit without bundling zod.

/** Most customers one bulk deletion may name. */
export const MAX_CUSTOMERS_PER_DELETION = 50;
