import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { hostPageHtml } from './host-page-bundle.js';
import type { HostEvent, MountOptions, TestHostContext, ViewToolCall } from './host-protocol.js';
import { devices, screenshotPath, type Device } from './screenshots.js';
import { withViewCsp } from './view-csp.js';
import type { ViewResource } from './view-resource.js';

/** The host page's made-up origin: served by a route, so no socket is opened for it. */
const hostUrl = 'http://apps-host.test/';

/** A tool call the view made through the host, with the server's answer. */
export interface RecordedToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  readonly result: CallToolResult;
}

/** How {@link openView} mounts a view. */
export interface OpenViewOptions {
  /** The caller's MCP client (their token): the initial call and the view's calls go through it. */
  readonly client: Client;
  readonly view: ViewResource;
  /** The tool call whose result the view shows, made from Node before the view is mounted. */
  readonly call: { readonly name: string; readonly arguments: Record<string, unknown> };
  readonly theme?: 'light' | 'dark';
  readonly device?: Device;
  /**
   * The iframe's sandbox. Default `allow-scripts`, the strictest a view can run in: no form
   * submission (a `submit` listener never fires), no same origin, no popups or dialogs.
   * ext-apps' reference host gives `allow-scripts allow-same-origin allow-forms`.
   */
  readonly sandbox?: string;
}

/** A mounted view and everything the host saw of it. */
export interface OpenedView {
  readonly page: Page;
  /** The view's document, for locators. */
  readonly frame: FrameLocator;
  /** The result of the initial call, as sent in `ui/notifications/tool-result`. */
  readonly result: CallToolResult;
  readonly calls: readonly RecordedToolCall[];
  readonly events: readonly HostEvent[];
  /** Console errors and uncaught exceptions of the page and the view (CSP refusals among them). */
  readonly errors: readonly string[];
  /** Every request other than the host page's own: the view should make none. */
  readonly requests: readonly string[];
  /** alert/confirm/prompt calls in any frame (a script that ran where it must not). */
  readonly dialogs: readonly string[];
  /** The view's frame, for evaluate. */
  viewFrame(): Promise<Frame>;
  /** Waits until the view has called tool `name` (the `n`th time, 1-based) and returns the call. */
  waitForCall(name: string, n?: number): Promise<RecordedToolCall>;
  /** Saves `test-results/apps/<view>-<case>-<device>-<theme>.png` of the whole page. */
  screenshot(view: string, name: string): Promise<string>;
  close(): Promise<void>;
}

// Runs first in every frame, the sandboxed view included: a dialog call is recorded instead of
// being ignored by the sandbox (which would leave no trace of a script that ran).
const dialogTrap = `(() => {
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (message) => {
      (window.__xss ??= []).push(name + ':' + String(message));
      console.error('dialog ' + name + ': ' + String(message));
    };
  }
})();`;

/** Polls `find` until it returns something, or fails after `timeoutMs` saying what it waited for. */
async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A fresh browser context with the host page served and every other request recorded and refused. */
async function openHostPage(browser: Browser, device: Device) {
  const context: BrowserContext = await browser.newContext(devices[device]);
  context.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const html = await hostPageHtml();
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === hostUrl) return route.fulfill({ contentType: 'text/html', body: html });
    requests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(dialogTrap);
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    if (message.text().startsWith('dialog ')) dialogs.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, requests, errors, dialogs };
}

/**
 * Mounts a view in the test host as an MCP Apps host would: calls the tool from Node with the
 * caller's client, opens the host page in headless Chromium, puts the view in a sandboxed iframe
 * with the CSP of its resource, answers `ui/initialize` (theme, displayMode inline, container
 * dimensions), sends tool-input and tool-result, and forwards the view's `tools/call` to the
 * server through the same client, recording each call and its result.
 *
 * @example
 * const opened = await openView(await browser.get(), { client: sam, view, call: { name: 'get_ticket', arguments: { id } } });
 * await opened.frame.getByRole('button', { name: 'Assign to me' }).click();
 * expect((await opened.waitForCall('assign_to_me')).arguments).toEqual({ id });
 */
export async function openView(browser: Browser, options: OpenViewOptions): Promise<OpenedView> {
  const device = options.device ?? 'desktop';
  const theme = options.theme ?? 'light';
  const result = (await options.client.callTool(options.call)) as CallToolResult;
  const { tools } = await options.client.listTools();
  const tool = tools.find((t) => t.name === options.call.name);

  const { context, page, requests, errors, dialogs } = await openHostPage(browser, device);
  const calls: RecordedToolCall[] = [];
  const events: HostEvent[] = [];
  // Bindings reach every frame; only the host page may use them, never the view itself.
  await page.exposeBinding('hostCallTool', async (source, call: ViewToolCall) => {
    if (source.frame !== page.mainFrame()) throw new Error('hostCallTool called from the view');
    const args = call.arguments ?? {};
    const answer = (await options.client.callTool({
      name: call.name,
      arguments: args,
    })) as CallToolResult;
    calls.push({ name: call.name, arguments: args, result: answer });
    return answer;
  });
  await page.exposeBinding('hostRecord', (source, event: HostEvent) => {
    if (source.frame !== page.mainFrame()) throw new Error('hostRecord called from the view');
    events.push(event);
  });
  await page.goto(hostUrl);

  const viewport = devices[device].viewport ?? { width: 1280, height: 800 };
  const hostContext: TestHostContext = {
    theme,
    displayMode: 'inline',
    containerDimensions: { width: viewport.width, maxHeight: 4000 },
    platform: device === 'phone' ? 'mobile' : 'web',
    locale: 'en-GB',
    timeZone: 'UTC',
    ...(tool && { toolInfo: { tool: tool as unknown as Record<string, unknown> } }),
  };
  const mount: MountOptions = {
    html: withViewCsp(options.view.html, options.view.csp),
    hostContext,
    toolInput: options.call.arguments,
    toolResult: result,
    sandbox: options.sandbox ?? 'allow-scripts',
  };
  // A string keeps DOM types out of this (Node) program; the page defines window.mountView.
  await page.evaluate(`window.mountView(${JSON.stringify(mount)})`);

  const viewFrame = async (): Promise<Frame> => {
    const frame = await (await page.$('iframe#view'))?.contentFrame();
    if (!frame) throw new Error('the view iframe has no frame');
    return frame;
  };
  return {
    page,
    frame: page.frameLocator('iframe#view'),
    result,
    calls,
    events,
    errors,
    requests,
    dialogs,
    viewFrame,
    waitForCall: (name, n = 1) =>
      waitFor(
        `the view to call ${name} (${n})`,
        () => calls.filter((c) => c.name === name)[n - 1],
      ).catch((error: Error) => {
        // Why a view did not call is usually in its console (a refused form, a CSP block).
        throw new Error(`${error.message}; console errors: ${JSON.stringify(errors)}`);
      }),
    screenshot: async (view, name) => {
      const path = screenshotPath({ view, case: name, device, theme });
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: () => context.close(),
  };
}
