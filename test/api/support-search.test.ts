import { afterEach, describe, expect, it } from 'vitest';
import { startDeliveryStack, type DeliveryStack } from './helpers/delivery-stack.ts';
import { runAccountsCli } from './helpers/processes.ts';

let stack: DeliveryStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function runCli(args: string[], env: Record<string, string>): Promise<Record<string, string>> {
  const run = await runAccountsCli(args, env);
  if (run.code !== 0) throw new Error(`accounts ${args[0]} exited with ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}

describe('support search by email', () => {
  it('ignores case in the whole address', async () => {
    stack = await startDeliveryStack();
    const { supportKey } = await runCli(['create-support-key', '--name', 'Ana (support)'], stack.storeEnv);
    await runCli(['create', '--company', 'Mixed Case Ltd', '--email', 'Ana.Smith@Mixed.test'], stack.storeEnv);

    const search = async (email: string): Promise<string[]> => {
      const response = await stack!.call('GET', `/v1/support/accounts?email=${encodeURIComponent(email)}`, undefined, supportKey);
      expect(response.status, email).toBe(200);
      return response.json.accounts.map((account: { company: string }) => account.company);
    };

    expect(await search('OWNER@Demo.Test')).toEqual(['Demo Company']);
    expect(await search('  owner@demo.test ')).toEqual(['Demo Company']);
    expect(await search('ana.smith@mixed.test')).toEqual(['Mixed Case Ltd']);
    expect(await search('ANA.SMITH@MIXED.TEST')).toEqual(['Mixed Case Ltd']);
    expect(await search('ana.smyth@mixed.test')).toEqual([]);
  });
});
