import { z } from 'zod';
import { createId } from '../ids.ts';
import { generateSupportKey, hashApiKey } from '../security/api-keys.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { SupportKey } from '../store/schema.ts';

/** Input of {@link createSupportKey}. */
export const newSupportKeySchema = z.object({
  name: z.string().trim().min(1, 'The name is empty.').max(100, 'The name is longer than 100 characters.').default('Support'),
});

/**
 * Creates a support key and returns it with its record. Only the hash is
 * stored, so the key cannot be shown again. Raises a ZodError for an invalid name.
 */
export async function createSupportKey(
  store: AccountStore,
  input: z.input<typeof newSupportKeySchema>,
  now: number,
): Promise<{ supportKey: SupportKey; apiKey: string }> {
  const { name } = newSupportKeySchema.parse(input);
  const apiKey = generateSupportKey();
  const supportKey: SupportKey = { id: createId('sup'), name, apiKeyHash: hashApiKey(apiKey), role: 'support', createdAt: now };
  await store.createSupportKey(supportKey);
  return { supportKey, apiKey };
}
