import { html, type SafeHtml } from './html.ts';

/** Product name in every subject and footer. Users search their mail for it. */
export const PRODUCT_NAME = 'Delete Guard';

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MONO_FONT = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

/** Footer of the text part after the usual "-- " signature separator, matching the HTML footer. */
export const TEXT_FOOTER = `-- \n${PRODUCT_NAME} sends this email automatically. Replies to it are not read.`;

/**
 * Wraps the blocks of a message in a complete HTML document with inline
 * styles only, because many mail clients drop style sheets. The document
 * loads nothing remote.
 */
export function renderHtmlDocument(title: string, blocks: SafeHtml[]): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:24px 12px;background-color:#f3f4f6;font-family:${FONT};color:#1f2937;font-size:16px;line-height:1.5;">
<div style="max-width:560px;margin:0 auto;background-color:#ffffff;border:1px solid #d1d5db;border-radius:8px;padding:24px;">
${blocks}
<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e5e7eb;font-size:13px;color:#6b7280;">${PRODUCT_NAME} sends this email automatically. Replies to it are not read.</p>
</div>
</body>
</html>
`.value;
}

/** Renders a paragraph, escaping `content` unless it is already SafeHtml. */
export function paragraph(content: SafeHtml | string): SafeHtml {
  return html`<p style="margin:0 0 16px;">${content}</p>\n`;
}

/** Renders a section heading. */
export function heading(text: string): SafeHtml {
  return html`<h2 style="margin:24px 0 8px;font-size:17px;">${text}</h2>\n`;
}

/**
 * Renders the code in large monospace type. Letter spacing only widens the
 * glyphs, so copying the code yields the digits with nothing between them.
 */
export function codeBlock(code: string): SafeHtml {
  return html`<p style="margin:8px 0 24px;padding:16px;background-color:#f3f4f6;border-radius:6px;text-align:center;font-family:${MONO_FONT};font-size:32px;font-weight:bold;letter-spacing:6px;color:#111827;user-select:all;-webkit-user-select:all;">${code}</p>\n`;
}
