import { render } from 'preact';
import { modalStyles, TroubleshootingHelper } from '../../components/index.ts';
import { createMessageApiPort } from '../../lib/message-api-port.ts';
import { supportContactItem, toSupportUrl } from '../../lib/settings.ts';
import { createMessageSupportPort } from '../../lib/support-port.ts';
import { SupportPanel } from '../../support/SupportPanel.tsx';

// The troubleshooting page. With a support key set in the options it shows the
// support tools; otherwise it shows the helper for users. API calls go through
// the background worker, as in the content script, so no key reaches the page.
const style = document.createElement('style');
style.textContent = modalStyles;
document.head.append(style);

const support = createMessageSupportPort();

void Promise.all([supportContactItem.getValue(), support.getStatus()]).then(([contact, status]) => {
  const root = document.getElementById('app')!;
  if (status.ok && status.data.hasKey) {
    render(<SupportPanel support={support} />, root);
    return;
  }
  render(<TroubleshootingHelper api={createMessageApiPort()} supportUrl={toSupportUrl(contact)} onClose={() => window.close()} />, root);
});
