import { readFile } from 'node:fs/promises';
import { findCurrentCode, getCodeState } from '../../../api/domain/codes.ts';
import { dataSchema, type Data } from '../../../api/store/schema.ts';

/** Reads the data file and validates it with the store's own schema; raises when either fails. */
export async function readDataFile(file: string): Promise<Data> {
  const text = await readFile(file, 'utf8');
  return dataSchema.parse(JSON.parse(text));
}

/**
 * Lists every broken invariant of the code records: uses left must equal
 * maximum uses minus the approvals recorded under the code, and an account
 * has at most one usable code.
 */
export function findCodeInvariantBreaks(data: Data, now: number): string[] {
  const problems: string[] = [];
  for (const code of data.codes) {
    const approvals = data.approvals.filter((approval) => approval.codeId === code.id).length;
    if (code.usesLeft !== code.maxUses - approvals) {
      problems.push(`code ${code.id} has ${code.usesLeft} uses left but ${approvals} of ${code.maxUses} were approved`);
    }
  }

  for (const account of data.accounts) {
    const usable = data.codes.filter(
      (code) => code.accountId === account.id && code.activatedAt !== null && code.endedAt === null && getCodeState(code, now) === 'usable',
    );
    if (usable.length > 1) problems.push(`account ${account.id} has ${usable.length} usable codes`);
    const current = findCurrentCode(data, account.id);
    if (usable.length === 1 && current?.id !== usable[0]!.id) problems.push(`account ${account.id}: the usable code is not the current one`);
  }
  return problems;
}
