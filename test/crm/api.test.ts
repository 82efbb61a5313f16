import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCrm, type CrmServer, type Customer } from '../../crm/server.ts';

let crm: CrmServer;

beforeAll(async () => {
  crm = await startCrm({ port: 0 });
});

afterAll(async () => {
  await crm.close();
});

beforeEach(async () => {
  await fetch(`${crm.url}/api/reset`, { method: 'POST' });
});

async function listCustomers(): Promise<Customer[]> {
  const response = await fetch(`${crm.url}/api/customers`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { customers: Customer[] };
  return body.customers;
}

describe('CRM API', () => {
  it('lists the 25 seeded customers', async () => {
    const customers = await listCustomers();

    expect(customers).toHaveLength(25);
    expect(customers[0]?.id).toBe('cus_1001');
    expect(customers.at(-1)?.id).toBe('cus_1025');
    expect(customers.map((customer) => customer.name)).toContain('Müller & Søn GmbH');
    expect(customers.map((customer) => customer.name)).toContain('株式会社サンプル');
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(25);
  });

  it('returns one customer by id', async () => {
    const response = await fetch(`${crm.url}/api/customers/cus_1002`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      customer: { id: 'cus_1002', name: 'Müller & Søn GmbH', email: 'buchhaltung@mueller-soen.example' },
    });
  });

  it('returns 404 for unknown customer', async () => {
    const response = await fetch(`${crm.url}/api/customers/cus_9999`);

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('cus_9999');
  });

  it('deletes a customer', async () => {
    const response = await fetch(`${crm.url}/api/customers/cus_1003`, { method: 'DELETE' });

    expect(response.status).toBe(204);
    const ids = (await listCustomers()).map((customer) => customer.id);
    expect(ids).toHaveLength(24);
    expect(ids).not.toContain('cus_1003');
    expect(crm.customers().map((customer) => customer.id)).not.toContain('cus_1003');
  });

  it('returns 404 when deleting twice', async () => {
    await fetch(`${crm.url}/api/customers/cus_1004`, { method: 'DELETE' });
    const response = await fetch(`${crm.url}/api/customers/cus_1004`, { method: 'DELETE' });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Failed to delete customer/);
  });

  it('reset restores deleted customers', async () => {
    await fetch(`${crm.url}/api/customers/cus_1001`, { method: 'DELETE' });
    const response = await fetch(`${crm.url}/api/reset`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: 25 });
    expect((await listCustomers()).map((customer) => customer.id)).toContain('cus_1001');
  });

  it('reset seeds a requested count', async () => {
    const response = await fetch(`${crm.url}/api/reset?count=10000`, { method: 'POST' });

    expect(response.status).toBe(200);
    const customers = await listCustomers();
    expect(customers).toHaveLength(10_000);
    expect(customers.at(-1)?.id).toBe('cus_11000');
    expect(new Set(customers.map((customer) => customer.name)).size).toBe(10_000);
  });

  it('reset rejects an invalid count', async () => {
    const response = await fetch(`${crm.url}/api/reset?count=-1`, { method: 'POST' });

    expect(response.status).toBe(400);
    expect((await listCustomers()).length).toBe(25);
  });

  it('reset() on the handle restores the seed', async () => {
    await fetch(`${crm.url}/api/customers/cus_1005`, { method: 'DELETE' });
    crm.reset();

    expect(crm.customers()).toHaveLength(25);
  });
});

describe('CRM pages', () => {
  it('serves the app shell for list and detail paths', async () => {
    for (const path of ['/', '/customers/cus_1001']) {
      const response = await fetch(`${crm.url}${path}`);
      const html = await response.text();

      expect(response.status, path).toBe(200);
      expect(html, path).toContain('<script type="module" src="/static/app.js">');
      // Rows are rendered by script after load, never by the server.
      expect(html, path).not.toContain('data-customer-id');
    }
  });

  it('renders the rootFontSize and shortcuts hooks', async () => {
    const html = await (await fetch(`${crm.url}/?rootFontSize=10&shortcuts=1`)).text();

    expect(html).toContain('html { font-size: 10px; }');
    expect(html).toContain('<output id="shortcut-count">0</output>');
  });

  it('omits hooks that are not requested', async () => {
    const html = await (await fetch(`${crm.url}/`)).text();

    expect(html).not.toContain('font-size: 10px');
    expect(html).not.toContain('shortcut-count');
  });

  it('count reseeds once and keeps later deletions', async () => {
    await fetch(`${crm.url}/?count=40`);
    expect(crm.customers()).toHaveLength(40);

    await fetch(`${crm.url}/api/customers/cus_1040`, { method: 'DELETE' });
    await fetch(`${crm.url}/?count=40`);
    expect(crm.customers()).toHaveLength(39);
  });

  it('rejects an invalid hook value', async () => {
    const response = await fetch(`${crm.url}/?count=lots`);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('count');
  });

  it('serves the browser scripts', async () => {
    for (const name of ['app.js', 'hooks.js', 'dropdown.js', 'confirm-form.js', 'crm.css', 'dropdown.css']) {
      const response = await fetch(`${crm.url}/static/${name}`);
      expect(response.status, name).toBe(200);
    }
  });

  it('returns 404 for unknown static file', async () => {
    const response = await fetch(`${crm.url}/static/server.ts`);

    expect(response.status).toBe(404);
  });
});
