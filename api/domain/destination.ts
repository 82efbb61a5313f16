import type { Account } from '../store/schema.ts';

/** Returns the address codes go to: the verified company email if set, else the registered email. */
export function findDestination(account: Account): string {
  return account.companyEmail ?? account.registeredEmail;
}
