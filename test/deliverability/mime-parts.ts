/** One MIME part: its lower-cased header names with unfolded values, and its decoded body. */
export interface MimePart {
  headers: Map<string, string[]>;
  body: string;
}

/** Splits a raw message into its header block and body at the first empty line. */
export function splitMessage(raw: string): { headerBlock: string; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('The message has no empty line after its headers');
  return { headerBlock: raw.slice(0, end), body: raw.slice(end + 4) };
}

/** Parses a header block into lower-cased names and unfolded values, keeping repeats. */
export function parseHeaders(headerBlock: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = headerBlock.replace(/\r\n(?=[ \t])/g, '');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`Invalid header line: ${line}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/**
 * Returns the parts of a multipart message, one level deep, with
 * quoted-printable and base64 bodies decoded as UTF-8.
 */
export function splitMultipart(raw: string): { contentType: string; parts: MimePart[] } {
  const { headerBlock, body } = splitMessage(raw);
  const contentType = parseHeaders(headerBlock).get('content-type')?.[0] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return { contentType, parts: [] };

  const sections = body.split(`--${boundary}`).slice(1);
  const parts = sections
    .filter((section) => !section.startsWith('--'))
    .map((section) => {
      const part = splitMessage(section.replace(/^\r\n/, ''));
      const headers = parseHeaders(part.headerBlock);
      return { headers, body: decodeBody(part.body, headers.get('content-transfer-encoding')?.[0]) };
    });
  return { contentType, parts };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body, 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Returns the text a reader sees in an HTML document: no head, tags or entities, single spaces. */
export function toVisibleText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/i, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
