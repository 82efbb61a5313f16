// Saved page "confirm-form": Delete prompts with the browser's own confirm() and
// then submits a hidden form from script, as older server-rendered CRMs do.
import { onClick } from './hooks.js';

onClick((event) => {
  const button = event.target instanceof Element ? event.target.closest('button.btn-delete') : null;
  if (!button) return;

  if (!window.confirm('Delete this customer?')) return;

  const form = document.getElementById('delete-form');
  form.elements.namedItem('id').value = button.dataset.id;
  // form.submit() skips submit events and validation, so only the click can be intercepted.
  form.submit();
});
