import { describe, expect, it } from 'vitest';
import { toHeaderText } from '../../api/mail/header-text.ts';
import {
  changeNoticeSubject,
  composeChangeNotice,
  composeOtpMail,
  composeVerificationMail,
  escapeHtml,
  otpSubject,
  verificationSubject,
} from '../../api/mail/templates.ts';

const OTP_INPUT = { company: 'Demo Company', code: '048213', ttlMinutes: 60, maxUses: 50 };
const HOSTILE_COMPANY = '<script>alert("x")</script> & <img src="https://evil.test/p.png">';

function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/gi)].map((match) => match[1] ?? '');
}

describe('otpSubject', () => {
  it('names product, OTP and company', () => {
    expect(otpSubject('Demo Company')).toBe('Your Delete Guard OTP for Demo Company');
  });

  it('is not shouting', () => {
    const subject = otpSubject('Demo Company');
    expect(subject).not.toBe(subject.toUpperCase());
    expect(subject).not.toContain('!');
  });

  it('turns line breaks into spaces', () => {
    expect(otpSubject('Acme\r\nBcc: x@evil.test')).toBe('Your Delete Guard OTP for Acme Bcc: x@evil.test');
  });

  it('cuts very long company names', () => {
    const subject = otpSubject('A'.repeat(300));
    expect(subject.length).toBeLessThanOrEqual('Your Delete Guard OTP for '.length + 100);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('reads correctly without a company name', () => {
    expect(otpSubject('  ')).toBe('Your Delete Guard OTP for your company');
  });
});

describe('toHeaderText', () => {
  it.each([
    ['a\r\nb', 'a b'],
    ['a\nb', 'a b'],
    ['a\rb', 'a b'],
    ['a\u2028b\u2029c', 'a b c'],
    ['a\u0000\tb', 'a b'],
    ['  Müller   & Søn  ', 'Müller & Søn'],
  ])('cleans %j', (input, expected) => {
    expect(toHeaderText(input)).toBe(expected);
  });
});

describe('composeOtpMail', () => {
  it('puts code, validity and company in both parts', () => {
    const mail = composeOtpMail(OTP_INPUT);

    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('048213');
      expect(part).toContain('60 minutes or 50 deletions, whichever comes first');
      expect(part).toContain('Demo Company');
      expect(part).toContain('Did not ask for this code?');
      expect(part).toContain('No one can delete customers without this code');
      expect(part).toContain('tell your CRM administrator');
    }
  });

  it('subject matches otpSubject', () => {
    expect(composeOtpMail(OTP_INPUT).subject).toBe(otpSubject('Demo Company'));
  });

  it('keeps code on its own text line', () => {
    const lines = composeOtpMail(OTP_INPUT).text.split('\n').map((line) => line.trim());
    expect(lines).toContain('048213');
  });

  it('shows code in large monospace', () => {
    const html = composeOtpMail(OTP_INPUT).html;
    expect(html).toMatch(/font-family:[^"]*monospace[^"]*font-size:32px[^"]*">048213<\/p>/);
  });

  it('uses singular counts', () => {
    const mail = composeOtpMail({ ...OTP_INPUT, ttlMinutes: 1, maxUses: 1 });
    expect(mail.text).toContain('1 minute or 1 deletion, whichever comes first');
  });

  it('escapes company name in HTML', () => {
    const html = composeOtpMail({ ...OTP_INPUT, company: HOSTILE_COMPANY }).html;
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
  });

  it('escapes code in HTML', () => {
    const html = composeOtpMail({ ...OTP_INPUT, code: '<b>1</b>' }).html;
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
  });

  it('has no links without crmUrl', () => {
    const mail = composeOtpMail(OTP_INPUT);
    expect(hrefsOf(mail.html)).toEqual([]);
    expect(mail.text).not.toContain('http');
  });

  it('links only to crmUrl', () => {
    const mail = composeOtpMail({ ...OTP_INPUT, crmUrl: 'https://crm.acme.test/customers?a=1&b=2' });
    expect(hrefsOf(mail.html)).toEqual(['https://crm.acme.test/customers?a=1&amp;b=2']);
    expect(mail.text).toContain('Back to the CRM: https://crm.acme.test/customers?a=1&b=2');
  });

  it.each([['javascript:alert(1)'], ['data:text/html,<b>x</b>'], ['not a url']])('drops unsafe crmUrl %j', (crmUrl) => {
    const mail = composeOtpMail({ ...OTP_INPUT, crmUrl });
    expect(hrefsOf(mail.html)).toEqual([]);
    expect(mail.text).not.toContain('Back to the CRM');
  });

  it('has no images, scripts or remote resources', () => {
    const html = composeOtpMail({ ...OTP_INPUT, crmUrl: 'https://crm.acme.test/' }).html;
    expect(html).not.toMatch(/<img|<script|<link|<iframe|\ssrc=|url\(/i);
  });
});

describe('composeVerificationMail', () => {
  const mail = composeVerificationMail({ company: 'Müller & Søn GmbH', code: '7391', ttlMinutes: 30 });

  it('puts code and validity in both parts', () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('7391');
      expect(part).toContain('It works for 30 minutes.');
      expect(part).toContain('Did not expect this email?');
    }
  });

  it('points to the dialog helper', () => {
    expect(mail.text).toContain('Enter this code under "Use a different email" in the Delete Guard dialog\'s "Didn\'t get the code?" helper');
    expect(mail.html).toContain('Use a different email');
    expect(mail.text).not.toContain('Delete Guard settings to confirm');
  });

  it('names product and company in subject', () => {
    expect(mail.subject).toBe('Confirm the Delete Guard company email for Müller & Søn GmbH');
    expect(mail.subject).toBe(verificationSubject('Müller & Søn GmbH'));
  });

  it('escapes company name in HTML', () => {
    expect(mail.html).toContain('Müller &amp; Søn GmbH');
    expect(composeVerificationMail({ company: HOSTILE_COMPANY, code: '1', ttlMinutes: 1 }).html).not.toContain('<script');
  });
});

describe('composeChangeNotice', () => {
  const changedAt = new Date(Date.UTC(2026, 0, 15, 9, 5, 0));

  it('names new destination and time', () => {
    const mail = composeChangeNotice({ company: 'Demo Company', destination: 'o***@acme.test', changedAt });

    expect(mail.subject).toBe(changeNoticeSubject('Demo Company'));
    expect(mail.subject).toContain('Delete Guard');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('o***@acme.test instead of this address');
      expect(part).toContain('2026-01-15 09:05 UTC');
      expect(part).toContain('Did not make this change?');
    }
  });

  it('says when codes come back', () => {
    const mail = composeChangeNotice({
      company: 'Demo Company',
      destination: 'r***@acme.test',
      changedAt,
      backToRegisteredEmail: true,
    });

    expect(mail.subject).toBe('Delete Guard OTPs for Demo Company now come to this address again');
    expect(mail.text).toContain('to this address (r***@acme.test) again');
  });

  it('escapes destination and company', () => {
    const html = composeChangeNotice({ company: HOSTILE_COMPANY, destination: '<b>x</b>', changedAt }).html;
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
