import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LOCAL_MATCHES } from '../lib/local-matches.ts';
import { createMessageApiPort } from '../lib/message-api-port.ts';
import { apiKeyItem, apiUrlItem, supportContactItem, supportKeyItem, toSupportUrl } from '../lib/settings.ts';
import { toOriginPattern } from '../lib/site-registration.ts';
import { describeConnectionCheck } from './connection-check.ts';

/** Checks an API URL and returns an error message, or '' when it is usable. */
export function checkApiUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The API URL must start with https:// (or http:// on this computer).';
    if (url.protocol === 'http:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return 'Use https:// for an API that is not on this computer, so the API key is not sent in clear text.';
    return '';
  } catch {
    return 'Enter a full URL, like https://deleteguard.example.com.';
  }
}

/** API URL, API key, support contact and the optional support key, saved to extension storage. */
export function ConnectionForm() {
  const [apiUrl, setApiUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [support, setSupport] = useState('');
  const [supportKey, setSupportKey] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void Promise.all([apiUrlItem.getValue(), apiKeyItem.getValue(), supportContactItem.getValue(), supportKeyItem.getValue()]).then(
      ([url, key, contact, supportKeyValue]) => {
        setApiUrl(url);
        setApiKey(key);
        setSupport(contact);
        setSupportKey(supportKeyValue);
      },
    );
  }, []);

  const urlError = apiUrl === '' ? '' : checkApiUrl(apiUrl);
  const supportError = support.trim() !== '' && !toSupportUrl(support) ? 'Enter an https:// link or an email address.' : '';

  const save = async (event: Event) => {
    event.preventDefault();
    if (urlError || supportError) return setStatus({ kind: 'error', text: 'Fix the fields marked above, then click Save.' });

    // The permission prompt must come straight from the click, before any other await.
    const pattern = toOriginPattern(apiUrl);
    if (pattern && !LOCAL_MATCHES.includes(pattern)) {
      const granted = await browser.permissions.request({ origins: [pattern] });
      if (!granted) return setStatus({ kind: 'error', text: `Not saved: Delete Guard needs permission to reach ${pattern} to call the API.` });
    }
    const saved = { apiUrl: apiUrl.trim().replace(/\/+$/, ''), apiKey: apiKey.trim() };
    await Promise.all([
      apiUrlItem.setValue(saved.apiUrl),
      apiKeyItem.setValue(saved.apiKey),
      supportContactItem.setValue(support.trim()),
      supportKeyItem.setValue(supportKey.trim()),
    ]);
    // The background worker makes every API call, with the values just saved.
    setStatus({ kind: 'ok', text: 'Saved. Checking the connection…' });
    setStatus(describeConnectionCheck(await createMessageApiPort().getSettings(), saved));
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h2>API connection</h2>
      <label for="api-url">API URL</label>
      <input id="api-url" type="url" value={apiUrl} aria-invalid={urlError !== ''} aria-describedby="api-url-error" onInput={(event) => setApiUrl(event.currentTarget.value)} />
      <p id="api-url-error" class="error">{urlError}</p>
      <label for="api-key">API key</label>
      <input id="api-key" type="password" autocomplete="off" value={apiKey} onInput={(event) => setApiKey(event.currentTarget.value)} />
      <p class="hint">Kept in this browser's extension storage and sent only to the API URL.</p>
      <label for="support-contact">Contact support</label>
      <input id="support-contact" value={support} aria-invalid={supportError !== ''} aria-describedby="support-contact-hint" onInput={(event) => setSupport(event.currentTarget.value)} />
      <p id="support-contact-hint" class={supportError ? 'error' : 'hint'}>{supportError || 'A help page link (https://…) or an email address, shown in the confirmation window.'}</p>
      <label for="support-key">Support key</label>
      <input id="support-key" type="password" autocomplete="off" value={supportKey} aria-describedby="support-key-hint" onInput={(event) => setSupportKey(event.currentTarget.value)} />
      <p id="support-key-hint" class="hint">For Delete Guard support staff only: turns on account search and test emails on the troubleshooting page. Leave empty otherwise.</p>
      <button type="submit" class="primary">Save</button>
      {status && <p role="status" class={status.kind}>{status.text}</p>}
    </form>
  );
}
