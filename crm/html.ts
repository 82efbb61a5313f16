import type { PageHooks } from './page-hooks.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Input for {@link renderDocument}. */
export interface DocumentParts {
  title: string;
  hooks: PageHooks;
  /** Trusted HTML for the body, with user data already escaped. */
  body: string;
  /** Module scripts under `/static/` to load after the body, for example `app.js`. */
  scripts?: string[];
  /** Extra stylesheet under `/static/`, loaded after the shared `crm.css`. */
  stylesheet?: string;
}

/**
 * Renders a full HTML document with the shared stylesheet and the hook script.
 * The root font size and the shortcut counter are rendered on the server, so
 * they are in place before any script runs.
 */
export function renderDocument({ title, hooks, body, scripts = [], stylesheet }: DocumentParts): string {
  const rootFontSize =
    hooks.rootFontSizePx === undefined ? '' : `<style>html { font-size: ${hooks.rootFontSizePx}px; }</style>`;
  const extraStylesheet = stylesheet ? `<link rel="stylesheet" href="/static/${stylesheet}">` : '';
  const shortcutCounter = hooks.shortcuts
    ? '<p class="shortcut-counter">Keyboard shortcuts fired: <output id="shortcut-count">0</output></p>'
    : '';
  const scriptTags = ['hooks.js', ...scripts]
    .map((name) => `<script type="module" src="/static/${name}"></script>`)
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/crm.css">
${extraStylesheet}
${rootFontSize}
${scriptTags}
</head>
<body>
${shortcutCounter}
${body}
</body>
</html>
`;
}
