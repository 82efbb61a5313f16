// Single-page customer list and detail view of the stand-in CRM. Rows are
// rendered after load from GET /api/customers, and deletion always passes
// through the CRM's own "Confirm deletion" dialog before DELETE /api/customers/:id.
import { onClick } from './hooks.js';

const view = document.getElementById('view');
const status = document.getElementById('status');

const DETAIL_PATH = /^\/customers\/([^/]+)\/?$/;

// Drawn for this project: a lid and a bin body as one path.
const TRASH_ICON =
  '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">' +
  '<path d="M9 2h6l1 2h5v2H3V4h5l1-2zM5 8h14l-1.2 13.2A2 2 0 0 1 15.8 23H8.2a2 2 0 0 1-2-1.8L5 8zm4 3v9h2v-9H9zm4 0v9h2v-9h-2z"/></svg>';

/** Incremented on every navigation so a slow fetch cannot render into a newer view. */
let renderToken = 0;

/** Customers shown in the list, by id, for names in the dialog. */
let customersById = new Map();

/** Open confirmation: the ids to delete and the element to refocus afterwards. */
let pendingDeletion = null;

function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function showStatus(message) {
  status.textContent = message;
}

/** Pushes a history entry and renders it. The query string is kept so test hooks stay visible in the URL. */
function navigate(path) {
  history.pushState(null, '', path + location.search);
  renderRoute();
}

function renderRoute() {
  closeDialog();
  const match = DETAIL_PATH.exec(location.pathname);
  if (match) {
    renderDetail(decodeURIComponent(match[1]));
  } else {
    renderList();
  }
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  return { response, body };
}

// ---- List view ----

function renderRow(customer) {
  const id = escapeHtml(customer.id);
  const name = escapeHtml(customer.name);
  return (
    `<tr data-customer-id="${id}">` +
    `<td class="select"><input type="checkbox" name="customer" value="${id}" aria-label="Select ${name}"></td>` +
    `<td data-field="name"><a href="/customers/${encodeURIComponent(customer.id)}" data-action="open-customer">${name}</a></td>` +
    `<td data-field="email">${escapeHtml(customer.email)}</td>` +
    `<td class="actions"><button type="button" class="icon-button" aria-label="Delete customer" data-action="delete-customer">${TRASH_ICON}</button></td>` +
    '</tr>'
  );
}

async function renderList() {
  const token = ++renderToken;
  document.title = 'Customers · Stand-in CRM';
  view.innerHTML = '<p class="loading">Loading customers…</p>';

  let customers;
  try {
    const { response, body } = await fetchJson('/api/customers');
    if (!response.ok) throw new Error(body.error ?? `server returned ${response.status}`);
    customers = body.customers;
  } catch (error) {
    if (token === renderToken) view.innerHTML = `<p class="error">Failed to load customers: ${escapeHtml(error.message)}</p>`;
    return;
  }
  if (token !== renderToken) return;

  customersById = new Map(customers.map((customer) => [customer.id, customer]));

  // One innerHTML assignment keeps ?count=10000 fast, and the delegated
  // listeners mean rows need no listeners of their own.
  view.innerHTML =
    '<h1>Customers</h1>' +
    '<div class="toolbar">' +
    '<button type="button" class="danger" data-action="delete-selected" disabled>Delete selected</button>' +
    ` <span id="selection-count" class="muted">${customers.length} customers</span>` +
    '</div>' +
    '<table class="customers"><thead><tr>' +
    '<th class="select"><input type="checkbox" data-action="select-all" aria-label="Select all customers"></th>' +
    '<th>Name</th><th>Email</th><th class="actions"><span class="visually-hidden">Actions</span></th>' +
    '</tr></thead><tbody>' +
    customers.map(renderRow).join('') +
    '</tbody></table>' +
    (customers.length === 0 ? '<p class="empty">No customers.</p>' : '');
}

function selectedIds() {
  return [...view.querySelectorAll('tbody input[name="customer"]:checked')].map((checkbox) => checkbox.value);
}

function updateSelection() {
  const button = view.querySelector('[data-action="delete-selected"]');
  const counter = document.getElementById('selection-count');
  if (!button || !counter) return;

  const count = selectedIds().length;
  button.disabled = count === 0;
  counter.textContent = count === 0 ? `${customersById.size} customers` : `${count} selected`;
}

function removeRows(ids) {
  for (const id of ids) {
    view.querySelector(`tr[data-customer-id="${CSS.escape(id)}"]`)?.remove();
    customersById.delete(id);
  }
  updateSelection();
}

// ---- Detail view ----

async function renderDetail(id) {
  const token = ++renderToken;
  view.innerHTML = '<p class="loading">Loading customer…</p>';

  const backLink = '<p><a href="/" data-action="back-to-list">← All customers</a></p>';
  let customer;
  try {
    const { response, body } = await fetchJson(`/api/customers/${encodeURIComponent(id)}`);
    if (response.status === 404) {
      if (token === renderToken) view.innerHTML = `${backLink}<h1>Customer not found</h1><p>No customer has id ${escapeHtml(id)}.</p>`;
      return;
    }
    if (!response.ok) throw new Error(body.error ?? `server returned ${response.status}`);
    customer = body.customer;
  } catch (error) {
    if (token === renderToken) view.innerHTML = `${backLink}<p class="error">Failed to load customer ${escapeHtml(id)}: ${escapeHtml(error.message)}</p>`;
    return;
  }
  if (token !== renderToken) return;

  customersById.set(customer.id, customer);
  document.title = `${customer.name} · Stand-in CRM`;
  // The detail view carries no data-customer-id on purpose: the id is only in the URL path.
  view.innerHTML =
    backLink +
    '<article class="customer-detail">' +
    `<h1 data-field="name">${escapeHtml(customer.name)}</h1>` +
    `<dl><dt>Email</dt><dd data-field="email">${escapeHtml(customer.email)}</dd></dl>` +
    '<button type="button" class="danger" data-action="delete-customer">Delete</button>' +
    '</article>';
}

// ---- Confirmation dialog ----

function describeDeletion(ids) {
  if (ids.length > 1) return `Delete ${ids.length} customers? This cannot be undone.`;
  const name = customersById.get(ids[0])?.name ?? ids[0];
  return `Delete “${name}”? This cannot be undone.`;
}

function openDialog(ids, trigger) {
  closeDialog();
  pendingDeletion = { ids, trigger };

  const backdrop = document.createElement('div');
  backdrop.className = 'dialog-backdrop';
  backdrop.id = 'confirm-deletion';
  backdrop.innerHTML =
    '<div class="dialog" role="dialog" aria-modal="true" aria-label="Confirm deletion" aria-describedby="confirm-deletion-text">' +
    '<h2>Are you sure?</h2>' +
    `<p id="confirm-deletion-text">${escapeHtml(describeDeletion(ids))}</p>` +
    '<div class="dialog-actions">' +
    '<button type="button" data-action="cancel-delete">Cancel</button>' +
    '<button type="button" class="danger" data-action="confirm-delete">Yes, delete</button>' +
    '</div></div>';
  document.body.append(backdrop);
  backdrop.querySelector('[data-action="cancel-delete"]').focus();
}

function closeDialog() {
  document.getElementById('confirm-deletion')?.remove();
  const trigger = pendingDeletion?.trigger;
  pendingDeletion = null;
  if (trigger?.isConnected) trigger.focus();
}

async function deleteCustomer(id) {
  const response = await fetch(`/api/customers/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (response.ok) return null;

  const body = await response.json().catch(() => ({}));
  return body.error ?? `Failed to delete customer ${id}: server returned ${response.status}.`;
}

async function confirmDeletion() {
  if (!pendingDeletion) return;
  const { ids } = pendingDeletion;
  const names = ids.map((id) => customersById.get(id)?.name ?? id);
  document.querySelectorAll('#confirm-deletion button').forEach((button) => (button.disabled = true));

  // One DELETE per id, so each deletion is an ordinary single-customer request.
  const results = await Promise.all(
    ids.map((id) => deleteCustomer(id).catch((error) => `Failed to delete customer ${id}: ${error.message}`)),
  );
  const deleted = ids.filter((_, index) => results[index] === null);
  const errors = results.filter((result) => result !== null);

  closeDialog();

  if (DETAIL_PATH.test(location.pathname)) {
    if (deleted.length > 0) navigate('/');
  } else {
    removeRows(deleted);
  }

  const deletedMessage = deleted.length === 1 ? `Deleted ${names[ids.indexOf(deleted[0])]}.` : `Deleted ${deleted.length} customers.`;
  showStatus([deleted.length > 0 ? deletedMessage : '', ...errors].filter(Boolean).join(' '));
}

// ---- Event wiring ----

onClick((event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;

  switch (target.dataset.action) {
    case 'open-customer':
    case 'back-to-list': {
      // Modified clicks keep the browser's own behavior, such as opening a new tab.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(new URL(target.href).pathname);
      return;
    }
    case 'delete-customer': {
      // A list row carries its id, and the detail view has it only in the URL path.
      const row = target.closest('tr[data-customer-id]');
      if (row) {
        openDialog([row.dataset.customerId], target);
        return;
      }
      const detailMatch = DETAIL_PATH.exec(location.pathname);
      if (detailMatch) openDialog([decodeURIComponent(detailMatch[1])], target);
      return;
    }
    case 'delete-selected': {
      const ids = selectedIds();
      if (ids.length > 0) openDialog(ids, target);
      return;
    }
    case 'confirm-delete':
      void confirmDeletion();
      return;
    case 'cancel-delete':
      closeDialog();
      return;
  }
});

document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return;

  if (target.dataset.action === 'select-all') {
    view.querySelectorAll('tbody input[name="customer"]').forEach((checkbox) => (checkbox.checked = target.checked));
  }
  updateSelection();
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && pendingDeletion) closeDialog();
});

window.addEventListener('popstate', renderRoute);

renderRoute();
