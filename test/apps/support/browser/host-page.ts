// The test host's page, bundled by esbuild when a test starts (host-page-bundle.ts). It does what
// an MCP Apps host does with one view: a sandboxed iframe holding the view's HTML, the package's
// own AppBridge speaking the postMessage protocol to it, tool calls forwarded to the server (here
// through a Playwright binding to the Node side, which holds the caller's real MCP client).
import {
  AppBridge,
  PostMessageTransport,
  type McpUiHostContext,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import type { HostEvent, MountOptions, ViewToolCall } from '../host-protocol.js';

/** Bindings the Node side installs with `page.exposeBinding` before the page loads. */
interface HostBindings {
  hostCallTool(call: ViewToolCall): Promise<Record<string, unknown>>;
  hostRecord(event: HostEvent): Promise<void>;
}

declare global {
  interface Window extends HostBindings {
    mountView(options: MountOptions): Promise<void>;
    changeHostContext(context: McpUiHostContext): Promise<void>;
    teardownView(): Promise<Record<string, unknown>>;
  }
}

let bridge: AppBridge | undefined;

/**
 * Mounts the view in a sandboxed iframe (by default `allow-scripts` alone: no same origin, no
 * forms, no popups, the strictest a host may give), answers its `ui/initialize` with the host context, then
 * sends the tool input and result. Resolves once the result is sent.
 *
 * @example
 * await page.evaluate((o) => window.mountView(o), options);
 */
async function mountView(options: MountOptions): Promise<void> {
  const iframe = document.createElement('iframe');
  iframe.id = 'view';
  iframe.setAttribute('sandbox', options.sandbox);
  iframe.setAttribute('title', 'MCP App view');
  iframe.style.cssText = 'display:block;border:0;width:100%;height:200px';
  document.body.replaceChildren(iframe);
  // The chat around the view takes the theme too, so a dark screenshot is dark to its edges.
  document.documentElement.style.background =
    options.hostContext.theme === 'dark' ? '#1e1e1e' : '#ffffff';
  const target = iframe.contentWindow;
  if (target === null) throw new Error('the view iframe has no window');

  bridge = new AppBridge(
    null,
    { name: 'servicedesk-test-host', version: '1.0.0' },
    { serverTools: {}, logging: {}, openLinks: {} },
    { hostContext: options.hostContext as McpUiHostContext },
  );
  // The server is reached through the Node side, which records the call and its result.
  bridge.oncalltool = async (params) => (await window.hostCallTool(params)) as never;
  bridge.onopenlink = async (params) => {
    await window.hostRecord({ kind: 'open-link', detail: params });
    return {};
  };
  bridge.onmessage = async (params) => {
    await window.hostRecord({ kind: 'message', detail: params });
    return {};
  };
  bridge.addEventListener('loggingmessage', (params) => {
    void window.hostRecord({ kind: 'log', detail: params });
  });
  // The view says how tall it is; the host lets the iframe grow so screenshots show it whole.
  bridge.addEventListener('sizechange', ({ height }) => {
    if (height !== undefined) iframe.style.height = `${Math.ceil(height)}px`;
    void window.hostRecord({ kind: 'size', detail: { height } });
  });
  const initialized = new Promise<void>((resolve) => {
    bridge!.addEventListener('initialized', () => resolve());
  });
  // Listening starts before the view's HTML is set, so its first ui/initialize is never missed.
  await bridge.connect(new PostMessageTransport(target, target));
  iframe.srcdoc = options.html;
  await initialized;
  await window.hostRecord({ kind: 'initialized', detail: bridge.getAppVersion() });
  await bridge.sendToolInput({ arguments: options.toolInput });
  await bridge.sendToolResult(options.toolResult as never);
}

/**
 * Sends `ui/notifications/host-context-changed` (e.g. a theme switch).
 *
 * @example
 * await page.evaluate(() => window.changeHostContext({ theme: 'dark' }));
 */
async function changeHostContext(context: McpUiHostContext): Promise<void> {
  if (bridge === undefined) throw new Error('no view is mounted');
  await bridge.sendHostContextChange(context);
}

/**
 * Asks the view to tear down (`ui/resource-teardown`) and returns its answer.
 *
 * @example
 * expect(await page.evaluate(() => window.teardownView())).toEqual({});
 */
async function teardownView(): Promise<Record<string, unknown>> {
  if (bridge === undefined) throw new Error('no view is mounted');
  return bridge.teardownResource({});
}

window.mountView = mountView;
window.changeHostContext = changeHostContext;
window.teardownView = teardownView;
