// Small copies of the stand-in CRM's markup, one per page shape.

/** Main app list view, one row, with the trash icon's svg path. */
export const LIST_PAGE = `
<table><tbody>
<tr data-customer-id="cus_1001">
  <td class="select"><input type="checkbox" name="customer" value="cus_1001"></td>
  <td data-field="name"><a href="/customers/cus_1001" data-action="open-customer">Ada Lovelace</a></td>
  <td class="actions"><button type="button" aria-label="Delete customer" data-action="delete-customer"><svg viewBox="0 0 24 24"><path d="M0 0h1"/></svg></button></td>
</tr>
<tr data-customer-id="cus_1002">
  <td class="select"><input type="checkbox" name="customer" value="cus_1002"></td>
  <td data-field="name"><a href="/customers/cus_1002">Grace Hopper</a></td>
  <td class="actions"><button type="button" aria-label="Delete customer" data-action="delete-customer"><svg viewBox="0 0 24 24"><path d="M0 0h1"/></svg></button></td>
</tr>
</tbody></table>
<button type="button" data-action="delete-selected">Delete selected</button>`;

/** Main app detail view: the id is only in the URL. */
export const DETAIL_PAGE = `
<article class="customer-detail"><h1 data-field="name">Ada Lovelace</h1>
<button type="button" class="danger" data-action="delete-customer">Delete</button></article>`;

/** Saved dropdown page with its portal menu already open. */
export const DROPDOWN_PAGE = `
<div class="css-1x9f2a" role="row">
  <div class="css-4hd0p1" role="cell"><a id="contact-name" class="css-93jd0s" href="/customers/cus_1003">Alan Turing</a></div>
  <div class="css-4hd0p1" role="cell"><button id="row-actions" class="css-p0q8ze" type="button" aria-label="More actions">⋯</button></div>
</div>
<div class="css-7fj2ka" data-portal><div role="menu" aria-label="Actions">
  <div role="menuitem" class="css-ue81lq">Edit</div>
  <div role="menuitem" class="css-ue81lq css-d3l3te">Delete</div>
</div></div>`;

/** Saved confirm-and-form page. */
export const CONFIRM_FORM_PAGE = `
<table class="grid"><tr><th>Name</th><th></th></tr>
<tr id="row-cus_1004"><td>Edsger Dijkstra</td><td>e@example.test</td><td><button type="button" class="btn btn-delete" data-id="cus_1004">Delete</button></td></tr>
</table>`;

/** Saved delete-link page. */
export const DELETE_LINK_PAGE = `
<ul class="customers"><li class="customer"><span class="customer-name">Barbara Liskov</span>
<span class="customer-email">b@example.test</span>
<a class="delete-link" href="/saved/delete-link/delete?id=cus_1005">Delete</a></li></ul>`;
