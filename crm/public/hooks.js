// Query-string test hooks shared by every page. Pages import onClick from
// here, so `?stopPropagation=1` changes how all of them listen for clicks.

const params = new URLSearchParams(location.search);

/** Whether `?stopPropagation=1` is set. */
export const stopsPropagation = params.get('stopPropagation') === '1';

/**
 * Registers a page's delegated click handler. Normally it is an ordinary
 * bubbling listener on document. With `?stopPropagation=1` it runs in a
 * document capture listener that first stops propagation, as some frameworks
 * do, so the page keeps working while no later listener receives the click.
 * A listener on window in the capture phase still runs before it.
 * @param {(event: MouseEvent) => void} handler
 */
export function onClick(handler) {
  if (!stopsPropagation) {
    document.addEventListener('click', handler);
    return;
  }

  document.addEventListener(
    'click',
    (event) => {
      event.stopPropagation();
      handler(event);
    },
    true,
  );
}

// `?shortcuts=1` imitates CRM keyboard shortcuts. The listener counts keys
// whatever has focus, so a keystroke that leaks out of an extension modal shows up.
if (params.get('shortcuts') === '1') {
  let shortcutCount = 0;
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'e' && event.key !== 'Delete') return;

    shortcutCount += 1;
    const output = document.getElementById('shortcut-count');
    if (output) output.textContent = String(shortcutCount);
  });
}
