// Placeholder while the view is written: connects and shows that a result arrived.
import { connectToHost } from '../kit/host.js';
import { applyHostContext } from '../kit/theme.js';
import { replaceChildren } from '../kit/dom.js';
import { statusBlock } from '../kit/status.js';

replaceChildren(document.body, statusBlock('loading', 'Loading…'));
void connectToHost({
  name: 'servicedesk-ticket-card',
  version: '0.1.0',
  onToolResult: () => replaceChildren(document.body, statusBlock('empty', 'Result received.')),
  onContextChange: applyHostContext,
});
