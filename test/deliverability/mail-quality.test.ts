import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../api/mail/smtp-mailer.ts';
import { createCapturingLogger, startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-servers.ts';
import { parseHeaders, splitMessage, splitMultipart, toVisibleText, type MimePart } from './mime-parts.ts';
import {
  composeSampleMails,
  SAMPLE_CRM_URL,
  SAMPLE_FROM,
  SAMPLE_FROM_DOMAIN,
  SAMPLE_RECIPIENT,
  type SampleMail,
} from './sample-mail.ts';

// Well-known link shorteners. Filters score their links as spam because they hide the destination.
const SHORTENER_HOSTS = ['bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 't.ly'];

interface SentSample extends SampleMail {
  raw: string;
  headers: Map<string, string[]>;
  text: string;
  html: string;
  parts: MimePart[];
  contentType: string;
}

let server: TestSmtpServer;
const sent: SentSample[] = [];

/** Sends every sample through the real mailer and keeps the raw message as the server received it. */
async function sendSamples(crmUrl: string | null): Promise<SentSample[]> {
  const mailer = createSmtpMailer({ url: server.url, from: SAMPLE_FROM, logger: createCapturingLogger().logger });
  const results: SentSample[] = [];
  try {
    for (const sample of composeSampleMails(crmUrl)) {
      const before = server.messages.length;
      const result = await mailer.send({ to: SAMPLE_RECIPIENT, ...sample.mail });
      if (result.status !== 'sent') throw new Error(`Failed to send the ${sample.kind} sample: ${result.reason}`);

      const raw = server.messages[before]!.raw.toString('latin1');
      const { contentType, parts } = splitMultipart(raw);
      const text = parts.find((part) => part.headers.get('content-type')?.[0]?.startsWith('text/plain'))?.body ?? '';
      const html = parts.find((part) => part.headers.get('content-type')?.[0]?.startsWith('text/html'))?.body ?? '';
      results.push({ ...sample, raw, headers: parseHeaders(splitMessage(raw).headerBlock), text, html, parts, contentType });
    }
  } finally {
    await mailer.close();
  }
  return results;
}

function linksIn(sample: SentSample): string[] {
  const hrefs = [...sample.html.matchAll(/href\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!);
  const textUrls = [...sample.text.matchAll(/https?:\/\/[^\s<>"]+/gi)].map((match) => match[0]);
  const htmlUrls = [...sample.html.matchAll(/https?:\/\/[^\s<>"']+/gi)].map((match) => match[0]);
  return [...hrefs, ...textUrls, ...htmlUrls];
}

beforeAll(async () => {
  server = await startTestSmtpServer();
  sent.push(...(await sendSamples(SAMPLE_CRM_URL)));
});

afterAll(async () => {
  await server.close();
});

describe.each(composeSampleMails().map((sample) => sample.kind))('%s mail', (kind) => {
  const sample = () => sent.find((candidate) => candidate.kind === kind)!;

  it('is multipart/alternative with text and HTML', () => {
    const { contentType, parts } = sample();

    expect(contentType).toMatch(/^multipart\/alternative;/);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers.get('content-type')?.[0]).toMatch(/^text\/plain; charset=utf-8/);
    expect(parts[1]?.headers.get('content-type')?.[0]).toMatch(/^text\/html; charset=utf-8/);
  });

  it('carries the code in both parts', () => {
    const { code, text, html } = sample();
    if (!code) return;

    expect(text).toContain(code);
    expect(toVisibleText(html)).toContain(code);
  });

  it('HTML part says what the text part says', () => {
    const { text, html } = sample();
    const visible = toVisibleText(html);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);

    const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && line !== '--');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const link = /^(.*): (https?:\/\/\S+)$/.exec(line);
      if (link) {
        expect(visible).toContain(link[1]);
        expect(hrefs).toContain(link[2]);
      } else {
        expect(visible).toContain(line);
      }
    }
  });

  it('loads nothing remote and tracks nothing', () => {
    const { html } = sample();

    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/\sbackground\s*=/i);
    expect(html).not.toMatch(/url\s*\(/i);
    expect(html).not.toMatch(/<(link|script|iframe|object|embed|form)\b/i);
    expect(html).not.toMatch(/@import/i);
  });

  it('links only to the CRM, without shorteners', () => {
    const links = linksIn(sample());

    for (const link of links) {
      expect(link).toBe(SAMPLE_CRM_URL);
      const host = new URL(link).hostname;
      expect(SHORTENER_HOSTS).not.toContain(host);
      expect(link).not.toMatch(/[?&](utm_|mc_|trk|track)/i);
    }
  });

  it('has Date, one From and From-domain Message-ID', () => {
    const { headers } = sample();

    expect(headers.get('date')).toHaveLength(1);
    expect(Number.isNaN(Date.parse(headers.get('date')![0]!))).toBe(false);
    expect(headers.get('from')).toEqual(['Delete Guard <no-reply@mail.example.com>']);
    expect(headers.get('to')).toHaveLength(1);
    expect(headers.get('message-id')).toHaveLength(1);
    const messageIdDomain = /^<[^@<>\s]+@([^@<>\s]+)>$/.exec(headers.get('message-id')![0]!)?.[1];
    expect(messageIdDomain).toBe(SAMPLE_FROM_DOMAIN);
  });

  it('subject is calm', () => {
    const subject = sample().headers.get('subject')?.[0] ?? '';

    expect(subject.length).toBeGreaterThan(10);
    expect(subject).not.toBe(subject.toUpperCase());
    expect(subject).not.toContain('!!');
    expect(subject).not.toMatch(/\b[A-Z]{5,}\b/);
  });

  it('has no List-Unsubscribe header', () => {
    expect(sample().headers.has('list-unsubscribe')).toBe(false);
  });
});

describe('mail without CRM_URL', () => {
  it('contains no links at all', async () => {
    const samples = await sendSamples(null);

    for (const sample of samples) {
      expect(linksIn(sample)).toEqual([]);
    }
  });
});
