// The view's side of MCP Apps (SEP-1865): JSON-RPC 2.0 over postMessage with the host window.
// Written here rather than bundling ext-apps' `App`, which pulls zod and the SDK's Protocol into
// every view (hundreds of KB); the browser tests drive this client with ext-apps' own AppBridge.

/** A CallToolResult as the host forwards it: in `ui/notifications/tool-result` or from `tools/call`. */
export interface ToolResultMessage {
  content?: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

/** What the host tells the view about its surroundings (theme, style variables, display mode…). */
export interface HostContext {
  theme?: 'light' | 'dark';
  styles?: { variables?: Record<string, string | undefined> };
  [key: string]: unknown;
}

/** What a view gets once the host has answered `ui/initialize`. */
export interface HostConnection {
  /** Calls a server tool through the host; rejects only on a protocol error, not on `isError`. */
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResultMessage>;
  /** The host context as of now (initial context merged with every change since). */
  readonly context: HostContext;
}

/** Options of {@link connectToHost}. */
export interface ConnectOptions {
  name: string;
  version: string;
  onToolResult(result: ToolResultMessage): void;
  onToolInput?(args: Record<string, unknown>): void;
  onContextChange?(context: HostContext): void;
}

interface RpcMessage {
  jsonrpc: '2.0';
  id?: string | number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

const PROTOCOL_VERSION = '2026-01-26';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRpc(value: unknown): value is RpcMessage {
  return isRecord(value) && value.jsonrpc === '2.0';
}

/**
 * Opens the conversation with the host: sends `ui/initialize`, then `ui/notifications/initialized`,
 * and from then on delivers tool input, tool results and context changes to the callbacks.
 * Listening starts before the handshake, so a tool result that arrives early is kept, not lost.
 *
 * @example
 * const host = await connectToHost({
 *   name: 'ticket-card',
 *   version: '1.0.0',
 *   onToolResult: (result) => render(result),
 *   onContextChange: (context) => applyHostContext(context),
 * });
 * const fresh = await host.callTool('get_ticket', { number: 42 });
 */
export async function connectToHost(options: ConnectOptions): Promise<HostConnection> {
  const parent = window.parent;
  const pending = new Map<string | number, Pending>();
  let nextId = 1;
  let context: HostContext = {};

  const send = (message: RpcMessage): void => parent.postMessage(message, '*');

  const request = (method: string, params: unknown): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send({ jsonrpc: '2.0', id, method, params });
    });
  };

  const onRequest = (message: RpcMessage & { id: string | number }): void => {
    switch (message.method) {
      case 'ui/resource-teardown':
      case 'ping':
        send({ jsonrpc: '2.0', id: message.id, result: {} });
        return;
      case undefined:
      default:
        send({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32601, message: `Method not found: ${String(message.method)}` },
        });
    }
  };

  // Notifications wait until the handshake is over and the caller holds its HostConnection, so
  // a tool result that comes early is delivered, in order, rather than lost or handled half-wired.
  let queue: RpcMessage[] | undefined = [];

  const onNotification = (message: RpcMessage): void => {
    if (queue) {
      queue.push(message);
      return;
    }
    deliver(message);
  };

  const deliver = (message: RpcMessage): void => {
    const params = isRecord(message.params) ? message.params : {};
    switch (message.method) {
      case 'ui/notifications/tool-input':
        options.onToolInput?.(isRecord(params.arguments) ? params.arguments : {});
        return;
      case 'ui/notifications/tool-result':
        options.onToolResult(params);
        return;
      case 'ui/notifications/host-context-changed':
        // The host sends only what changed: merge it into what we know.
        context = { ...context, ...params };
        options.onContextChange?.(context);
        return;
      case undefined:
      default:
      // Other notifications (tool-cancelled, partial input…) are not used by our views.
    }
  };

  const onResponse = (message: RpcMessage & { id: string | number }): void => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Only the host may talk to us: anything else (another frame, an extension) is ignored.
    if (event.source !== parent || !isRpc(event.data)) return;
    const message = event.data;
    const id = message.id;
    if (message.method !== undefined && id !== undefined) onRequest({ ...message, id });
    else if (message.method !== undefined) onNotification(message);
    else if (id !== undefined) onResponse({ ...message, id });
  });

  const initialized = await request('ui/initialize', {
    appInfo: { name: options.name, version: options.version },
    appCapabilities: {},
    protocolVersion: PROTOCOL_VERSION,
  });
  if (isRecord(initialized) && isRecord(initialized.hostContext)) {
    context = initialized.hostContext;
    options.onContextChange?.(context);
  }
  send({ jsonrpc: '2.0', method: 'ui/notifications/initialized', params: {} });
  reportSize(send);
  // A macrotask: runs after the `await connectToHost(...)` of the caller has resumed.
  setTimeout(() => {
    const early = queue ?? [];
    queue = undefined;
    for (const message of early) deliver(message);
  }, 0);

  return {
    async callTool(name, args) {
      const result = await request('tools/call', { name, arguments: args });
      return isRecord(result) ? result : {};
    },
    get context() {
      return context;
    },
  };
}

/**
 * Tells the host the content's size whenever it changes, so the iframe fits its content. The
 * root's scrollHeight never drops below the iframe's own height, so the height is measured with
 * the root sized to its content for that one read; the width is the frame's.
 */
function reportSize(send: (message: RpcMessage) => void): void {
  let last = '';
  let scheduled = false;
  const measure = (): void => {
    scheduled = false;
    const root = document.documentElement;
    const before = root.style.height;
    root.style.height = 'max-content';
    const height = Math.ceil(root.getBoundingClientRect().height);
    root.style.height = before;
    const width = Math.ceil(window.innerWidth);
    const key = `${width}x${height}`;
    // The observer fires on every layout pass; the host needs only real changes.
    if (key === last) return;
    last = key;
    send({ jsonrpc: '2.0', method: 'ui/notifications/size-changed', params: { width, height } });
  };
  // One measure per frame, however many resizes the frame saw.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(measure);
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(document.documentElement);
  observer.observe(document.body);
  schedule();
}
