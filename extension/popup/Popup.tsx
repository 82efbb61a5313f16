import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../shared/api/settings.ts';
import type { ApiResult } from '../lib/api-port.ts';
import { createMessageApiPort } from '../lib/message-api-port.ts';
import { readTabStatus, type TabStatus } from './read-tab-status.ts';

function describeApi(api: ApiResult<Settings> | null): string {
  if (api === null) return 'Checking the API…';
  if (!api.ok) return api.error.message;
  return `Connected to the API for ${api.data.company}.`;
}

/** Renders the toolbar popup: API and page status, "Add this site", troubleshooting and options. */
export function Popup() {
  const [tab, setTab] = useState<TabStatus | null>(null);
  const [api, setApi] = useState<ApiResult<Settings> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void readTabStatus().then(setTab);
    void createMessageApiPort().getSettings().then(setApi);
  }, []);

  const addSite = async () => {
    if (!tab?.originPattern) return;
    // The background registers the guard when the permission is added.
    const granted = await browser.permissions.request({ origins: [tab.originPattern] });
    setMessage(granted
      ? 'Site added. Reload the tab, then add a site profile for it in the options if none matches.'
      : 'Not added: the permission was declined.');
    if (granted) setTab(await readTabStatus());
  };

  // A root-relative URL resolves against the extension's origin (getURL is typed only after wxt prepare).
  const openTroubleshooting = () => void browser.tabs.create({ url: '/troubleshooting.html' });

  return (
    <main>
      <h1>Delete Guard</h1>
      <p role="status">{describeApi(api)}</p>
      {tab && !tab.originPattern && <p>This page cannot be guarded.</p>}
      {tab?.originPattern && !tab.siteAdded && (
        <>
          <p>Delete Guard is not active on this site.</p>
          <button type="button" class="primary" onClick={() => void addSite()}>Add this site</button>
        </>
      )}
      {tab?.siteAdded && (
        <p>{tab.profileNames.length > 0 ? `Guarding this page with: ${tab.profileNames.join(', ')}.` : 'No site profile matches this page, so its deletes are not guarded. Add one in the options.'}</p>
      )}
      {message && <p role="status">{message}</p>}
      <button type="button" onClick={openTroubleshooting}>Open troubleshooting</button>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>Options</button>
    </main>
  );
}
