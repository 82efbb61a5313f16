/** The account of a transaction does not exist (it was never created or was removed). */
export class AccountNotFoundError extends Error {
  constructor(readonly accountId: string) {
    super(`Failed to open a transaction: no account with id "${accountId}".`);
    this.name = 'AccountNotFoundError';
  }
}

/** A record handed to the store breaks a rule of the store itself, such as another account's id. */
export class InvalidRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRecordError';
  }
}
