// Saved page "dropdown": each row's "More actions" button opens a menu that is
// rendered into a portal at the end of <body> only while open. Its Delete item
// acts on mousedown, like many component-library menus, and deletes via fetch.
import { onClick } from './hooks.js';

const toast = document.getElementById('toast');

/** The open menu: its portal element and the trigger that opened it. */
let openMenu = null;
let menuSequence = 0;

/** Reads the customer id from the row's name link, the only place this page keeps it. */
function customerIdOfRow(row) {
  const href = row.querySelector('a[href^="/customers/"]')?.getAttribute('href') ?? '';
  return decodeURIComponent(href.slice('/customers/'.length));
}

function closeMenu({ restoreFocus = false } = {}) {
  if (!openMenu) return;

  const { portal, trigger } = openMenu;
  openMenu = null;
  portal.remove();
  trigger.setAttribute('aria-expanded', 'false');
  trigger.removeAttribute('aria-controls');
  if (restoreFocus) trigger.focus();
}

async function deleteRow(row) {
  const id = customerIdOfRow(row);
  const name = row.querySelector('a')?.textContent ?? id;
  try {
    const response = await fetch(`/api/customers/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!response.ok) throw new Error(`server returned ${response.status}`);
    row.remove();
    toast.textContent = `${name} was deleted.`;
  } catch (error) {
    toast.textContent = `Failed to delete ${name}: ${error.message}`;
  }
}

function createMenuItem(label, className, activate) {
  const item = document.createElement('div');
  item.setAttribute('role', 'menuitem');
  item.tabIndex = -1;
  item.className = className;
  item.textContent = label;

  item.addEventListener('mousedown', (event) => {
    if (event.button !== 0) return;
    // Keeps focus in the menu, so the trigger's blur cannot close it before the action runs.
    event.preventDefault();
    activate();
  });
  item.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    activate();
  });
  return item;
}

function openMenuFor(trigger) {
  const row = trigger.closest('[role="row"]');
  const menuId = `menu-:r${++menuSequence}:`;

  const portal = document.createElement('div');
  portal.className = 'css-7fj2ka';
  portal.dataset.portal = '';

  const menu = document.createElement('div');
  menu.id = menuId;
  menu.className = 'css-0s2b7x';
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', 'Actions');
  menu.append(
    createMenuItem('Edit', 'css-ue81lq', () => {
      closeMenu({ restoreFocus: true });
      toast.textContent = 'Editing is not part of this saved page.';
    }),
    createMenuItem('Delete', 'css-ue81lq css-d3l3te', () => {
      closeMenu();
      void deleteRow(row);
    }),
  );
  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll('[role="menuitem"]')];
    const index = items.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') items[(index + 1) % items.length].focus();
    else if (event.key === 'ArrowUp') items[(index - 1 + items.length) % items.length].focus();
    else if (event.key === 'Escape') closeMenu({ restoreFocus: true });
    else return;
    event.preventDefault();
  });

  portal.append(menu);
  const box = trigger.getBoundingClientRect();
  portal.style.top = `${box.bottom + window.scrollY + 4}px`;
  portal.style.left = `${Math.max(8, box.right + window.scrollX - 160)}px`;
  document.body.append(portal);

  trigger.setAttribute('aria-expanded', 'true');
  trigger.setAttribute('aria-controls', menuId);
  openMenu = { portal, trigger };
  menu.querySelector('[role="menuitem"]').focus();
}

onClick((event) => {
  const trigger = event.target instanceof Element ? event.target.closest('button[aria-label="More actions"]') : null;
  if (!trigger) return;

  const wasOpenHere = openMenu?.trigger === trigger;
  closeMenu();
  if (!wasOpenHere) openMenuFor(trigger);
});

// A mousedown outside the menu and its trigger closes the menu, as component libraries do.
document.addEventListener('mousedown', (event) => {
  if (!openMenu || !(event.target instanceof Node)) return;
  if (openMenu.portal.contains(event.target) || openMenu.trigger.contains(event.target)) return;
  closeMenu();
});
