import { escapeHtml } from '../mail/templates/html.ts';
import type { MailboxEntry } from './dev-mailbox.ts';

/** Banner at the top of the dev mailbox page. */
export const DEV_MAILBOX_BANNER = 'Mail is captured here, not delivered. Set SMTP_URL to send real mail.';

/**
 * Renders the dev mailbox page: a banner, then each message newest first with
 * its recipient, subject, time and plain text. Every value from a message is
 * escaped, because anyone who can reach the SMTP port chooses its content.
 */
export function renderMailboxPage(entries: MailboxEntry[]): string {
  const messages = entries.length === 0 ? '<p class="empty">No mail yet. Codes sent by the API appear here.</p>' : entries.map(renderEntry).join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Delete Guard dev mailbox</title>
<style>
  body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: #f3f4f6; color: #1f2937; }
  main { max-width: 820px; margin: 0 auto; }
  .banner { padding: 12px 16px; border: 2px solid #b45309; border-radius: 6px; background: #fef3c7; font-weight: 600; }
  article { margin-top: 16px; padding: 16px; border: 1px solid #d1d5db; border-radius: 6px; background: #fff; }
  h2 { margin: 0 0 8px; font-size: 18px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; font-size: 14px; }
  dt { color: #6b7280; }
  dd { margin: 0; }
  pre { margin: 0; padding: 12px; background: #f9fafb; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; }
  .empty { margin-top: 16px; color: #6b7280; }
  .file { margin: 8px 0 0; color: #6b7280; font-size: 12px; }
</style>
</head>
<body>
<main>
<h1>Delete Guard dev mailbox</h1>
<p class="banner" role="status">${escapeHtml(DEV_MAILBOX_BANNER)}</p>
<p>Newest first. Reload the page to see new mail. The same list is at <code>/dev/mailbox.json</code>.</p>
${messages}
</main>
</body>
</html>
`;
}

function renderEntry(entry: MailboxEntry): string {
  return `<article>
<h2>${escapeHtml(entry.subject || '(no subject)')}</h2>
<dl>
<dt>To</dt><dd>${escapeHtml(entry.to)}</dd>
<dt>Received</dt><dd><time datetime="${escapeHtml(entry.receivedAt)}">${escapeHtml(entry.receivedAt)}</time></dd>
</dl>
<pre>${escapeHtml(entry.text)}</pre>
<p class="file">File ${escapeHtml(entry.id)}.eml</p>
</article>`;
}
