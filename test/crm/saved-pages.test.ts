import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCrm, type CrmServer } from '../../crm/server.ts';

let crm: CrmServer;

beforeAll(async () => {
  crm = await startCrm({ port: 0 });
});

afterAll(async () => {
  await crm.close();
});

beforeEach(() => {
  crm.reset();
});

function customerIds(): string[] {
  return crm.customers().map((customer) => customer.id);
}

describe('saved dropdown page', () => {
  it('renders rows without data attributes', async () => {
    const html = await (await fetch(`${crm.url}/saved/dropdown`)).text();

    expect(html.match(/aria-label="More actions"/g)).toHaveLength(25);
    expect(html.match(/id="row-actions"/g)).toHaveLength(25);
    expect(html).toContain('href="/customers/cus_1001"');
    expect(html).not.toContain('data-customer-id');
    // The menu is created by script only while open.
    expect(html).not.toContain('role="menuitem"');
    expect(html).toContain('Müller &amp; Søn GmbH');
  });
});

describe('saved confirm-form page', () => {
  it('renders a Delete button per row and the hidden form', async () => {
    const html = await (await fetch(`${crm.url}/saved/confirm-form`)).text();

    expect(html).toContain('<button type="button" class="btn btn-delete" data-id="cus_1001">Delete</button>');
    expect(html).toContain('<form id="delete-form" method="post" action="/saved/confirm-form/delete" hidden>');
  });

  it('POST deletes and redirects back', async () => {
    const response = await fetch(`${crm.url}/saved/confirm-form/delete`, {
      method: 'POST',
      body: new URLSearchParams({ id: 'cus_1002' }),
      redirect: 'manual',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/saved/confirm-form');
    expect(customerIds()).not.toContain('cus_1002');
    const html = await (await fetch(`${crm.url}/saved/confirm-form`)).text();
    expect(html).not.toContain('data-id="cus_1002"');
  });

  it('redirect keeps the hooks from the Referer', async () => {
    const response = await fetch(`${crm.url}/saved/confirm-form/delete`, {
      method: 'POST',
      body: new URLSearchParams({ id: 'cus_1003' }),
      headers: { Referer: `${crm.url}/saved/confirm-form?shortcuts=1` },
      redirect: 'manual',
    });

    expect(response.headers.get('Location')).toBe('/saved/confirm-form?shortcuts=1');
  });

  it('POST returns 400 without id', async () => {
    const response = await fetch(`${crm.url}/saved/confirm-form/delete`, {
      method: 'POST',
      body: new URLSearchParams({}),
      redirect: 'manual',
    });

    expect(response.status).toBe(400);
    expect(customerIds()).toHaveLength(25);
  });

  it('POST returns 404 for unknown id', async () => {
    const response = await fetch(`${crm.url}/saved/confirm-form/delete`, {
      method: 'POST',
      body: new URLSearchParams({ id: 'cus_0001' }),
      redirect: 'manual',
    });

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('cus_0001');
  });
});

describe('saved delete-link page', () => {
  it('renders a plain Delete link per row', async () => {
    const html = await (await fetch(`${crm.url}/saved/delete-link`)).text();

    expect(html).toContain('<a class="delete-link" href="/saved/delete-link/delete?id=cus_1001">Delete</a>');
    expect(html.match(/class="delete-link"/g)).toHaveLength(25);
  });

  it('GET deletes and redirects back', async () => {
    const response = await fetch(`${crm.url}/saved/delete-link/delete?id=cus_1004`, { redirect: 'manual' });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/saved/delete-link');
    expect(customerIds()).not.toContain('cus_1004');
  });

  it('ignores a Referer from another origin', async () => {
    const response = await fetch(`${crm.url}/saved/delete-link/delete?id=cus_1005`, {
      headers: { Referer: 'http://localhost:1/saved/delete-link?next=elsewhere' },
      redirect: 'manual',
    });

    expect(response.headers.get('Location')).toBe('/saved/delete-link');
  });

  it('GET returns 404 for unknown id', async () => {
    const response = await fetch(`${crm.url}/saved/delete-link/delete?id=cus_0001`, { redirect: 'manual' });

    expect(response.status).toBe(404);
    expect(customerIds()).toHaveLength(25);
  });

  it('GET returns 400 without id', async () => {
    const response = await fetch(`${crm.url}/saved/delete-link/delete`, { redirect: 'manual' });

    expect(response.status).toBe(400);
  });
});

describe('saved pages index', () => {
  it('links all three saved pages', async () => {
    const html = await (await fetch(`${crm.url}/saved`)).text();

    for (const path of ['/saved/dropdown', '/saved/confirm-form', '/saved/delete-link']) {
      expect(html, path).toContain(`href="${path}"`);
    }
  });
});
