import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrm, type CrmServer, type Customer } from '../../crm/server.ts';

let crm: CrmServer;

beforeAll(async () => {
  crm = await startCrm({ port: 0 });
});

afterAll(async () => {
  await crm.close();
});

function seed(body: unknown): Promise<Response> {
  return fetch(`${crm.url}/api/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function listCustomers(): Promise<Customer[]> {
  const response = await fetch(`${crm.url}/api/customers`);
  return ((await response.json()) as { customers: Customer[] }).customers;
}

describe('CRM custom seed', () => {
  it('replaces customers from JSON', async () => {
    const response = await seed({ customers: [{ name: '<b>Bold</b>', email: 'bold@mail.example' }, { name: 'No Email' }] });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: 2 });
    expect(await listCustomers()).toEqual([
      { id: 'cus_1001', name: '<b>Bold</b>', email: 'bold@mail.example' },
      { id: 'cus_1002', name: 'No Email', email: '' },
    ]);
  });

  it('keeps a 10 000-character name', async () => {
    await seed({ customers: [{ name: 'x'.repeat(10_000) }] });

    const [customer] = await listCustomers();
    expect(customer?.name).toHaveLength(10_000);
  });

  it('survives a matching count hook', async () => {
    await seed({ customers: [{ name: 'Kept A' }, { name: 'Kept B' }] });

    const page = await fetch(`${crm.url}/?count=2`);
    expect(page.status).toBe(200);
    expect((await listCustomers()).map((customer) => customer.name)).toEqual(['Kept A', 'Kept B']);
  });

  it('rejects a customer without name', async () => {
    const response = await seed({ customers: [{ email: 'x@mail.example' }] });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('customers.0.name');
  });

  it('query reset restores the seed', async () => {
    await seed({ customers: [{ name: 'Only One' }] });

    await fetch(`${crm.url}/api/reset`, { method: 'POST' });
    expect(await listCustomers()).toHaveLength(25);
  });
});
