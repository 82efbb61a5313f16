import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeRawMessage } from '../../api/mail/raw-message.ts';
import { composeSampleMails, SAMPLE_FROM, SAMPLE_RECIPIENT } from './sample-mail.ts';
import { findSpamAssassin, scoreWithSpamAssassin, type SpamReport } from './spamassassin.ts';

const MAX_SCORE = 1.0;
// Rules that point at a fault of our own making: a broken Message-ID, an HTML
// part without text, a shouting subject, image-only or shortener-only mail,
// an empty body, or a bare To address in HTML-only mail.
const FORBIDDEN_RULES = ['INVALID_MSGID', 'MIME_HTML_ONLY', 'SUBJ_ALL_CAPS', 'SHORT_SHORTNER', 'EMPTY_MESSAGE'];
const FORBIDDEN_PREFIXES = ['MSGID_', 'HTML_IMAGE_ONLY_', 'TO_NO_BRKTS_'];

const program = findSpamAssassin();
const inCi = process.env.CI === 'true';
const skipReason = program ? '' : ' (skipped: spamassassin is not installed; CI installs it)';

function findForbiddenRules(rules: string[]): string[] {
  return rules.filter((rule) => FORBIDDEN_RULES.includes(rule) || FORBIDDEN_PREFIXES.some((prefix) => rule.startsWith(prefix)));
}

function describeReport(kind: string, report: SpamReport): string {
  return `${kind} mail scored ${report.score} with rules ${report.rules.join(', ') || 'none'}\n${report.details}`;
}

/** Composes a message with every fault the forbidden rules look for, to prove the check can fail. */
function composeFaultyMessage(): Buffer {
  const lines = [
    `From: ${SAMPLE_FROM}`,
    `To: ${SAMPLE_RECIPIENT}`,
    'Subject: YOUR CODE IS READY NOW',
    'Message-ID: <not valid>',
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><body><a href="https://bit.ly/abc"><img src="https://cdn.example.net/code.png" width="600" height="400"></a></body></html>',
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

it.runIf(!program && inCi)('spamassassin is installed in CI', () => {
  expect.fail('spamassassin is not on PATH, but CI=true. Install it (apt-get install spamassassin), as .ci/run does.');
});

describe.skipIf(!program)(`SpamAssassin score${skipReason}`, () => {
  let homeDir: string;
  const reports = new Map<string, SpamReport>();
  let faultyReport: SpamReport;

  beforeAll(async () => {
    homeDir = await mkdtemp(join(tmpdir(), 'delete-guard-spamassassin-'));
    const samples = composeSampleMails();
    // The messages as the mailer composes them, before any server adds a
    // Received header. The system clock keeps the Date header current,
    // because SpamAssassin scores dates far in the past or future.
    const raws = await Promise.all(
      samples.map((sample) => composeRawMessage({ to: SAMPLE_RECIPIENT, ...sample.mail }, { from: SAMPLE_FROM })),
    );
    const scored = await Promise.all([
      ...raws.map((raw) => scoreWithSpamAssassin(program!, raw, homeDir)),
      scoreWithSpamAssassin(program!, composeFaultyMessage(), homeDir),
    ]);
    samples.forEach((sample, index) => reports.set(sample.kind, scored[index]!));
    faultyReport = scored[samples.length]!;
  }, 60_000);

  afterAll(async () => {
    if (homeDir) await rm(homeDir, { recursive: true, force: true });
  });

  describe.each(composeSampleMails().map((sample) => sample.kind))('%s mail', (kind) => {
    it(`scores at most ${MAX_SCORE}`, () => {
      const report = reports.get(kind)!;

      expect(report.score, describeReport(kind, report)).toBeLessThanOrEqual(MAX_SCORE);
    });

    it('fires no forbidden rule', () => {
      const report = reports.get(kind)!;

      expect(findForbiddenRules(report.rules), describeReport(kind, report)).toEqual([]);
    });
  });

  it('faulty message fires the forbidden rules', () => {
    const fired = findForbiddenRules(faultyReport.rules);

    expect(fired, describeReport('faulty', faultyReport)).toEqual(
      expect.arrayContaining(['INVALID_MSGID', 'MIME_HTML_ONLY', 'SUBJ_ALL_CAPS', 'EMPTY_MESSAGE']),
    );
    expect(faultyReport.score).toBeGreaterThan(MAX_SCORE);
  });
});
