import type { CodeMemory } from '../components/index.ts';

/**
 * Creates code memory that lives in the content script's own memory: the page
 * cannot read it, and it is gone when the tab reloads or navigates.
 */
export function createCodeMemory(): CodeMemory {
  let code: string | null = null;
  return {
    get: () => code,
    set: (value) => {
      code = value;
    },
    clear: () => {
      code = null;
    },
  };
}
