import { render } from 'preact';
import { modalStyles, TroubleshootingHelper } from '../../components/index.ts';
import { createMessageApiPort } from '../../lib/message-api-port.ts';
import { supportContactItem, toSupportUrl } from '../../lib/settings.ts';

// The helper for support agents, as a page of its own. API calls go through the
// background worker, as in the content script.
const style = document.createElement('style');
style.textContent = modalStyles;
document.head.append(style);

void supportContactItem.getValue().then((contact) => {
  render(
    <TroubleshootingHelper api={createMessageApiPort()} supportUrl={toSupportUrl(contact)} onClose={() => window.close()} />,
    document.getElementById('app')!,
  );
});
