// What the Node side and the host page (browser/host-page.ts) pass each other. No DOM and no Node
// types here: both programs import this file.

/** A tool call as the view asks for it (`tools/call` params). */
export interface ViewToolCall {
  readonly name: string;
  readonly arguments?: Record<string, unknown>;
}

/** The host context a test gives, as in `ui/initialize`'s answer (see ext-apps' McpUiHostContext). */
export interface TestHostContext {
  readonly theme: 'light' | 'dark';
  readonly displayMode: 'inline';
  readonly containerDimensions: { readonly width: number; readonly maxHeight: number };
  readonly platform: 'web' | 'mobile';
  readonly locale: string;
  readonly timeZone: string;
  readonly toolInfo?: { readonly tool: Record<string, unknown> };
}

/**
 * What the host page's `mountView` needs: the view, the host's context and the initial call.
 *
 * @example
 * const options: MountOptions = { html, hostContext, toolInput: { id }, toolResult };
 */
export interface MountOptions {
  /** The view's HTML, its CSP already injected by the Node side. */
  readonly html: string;
  readonly hostContext: TestHostContext;
  /** The arguments of the tool call the test made (sent as `ui/notifications/tool-input`). */
  readonly toolInput: Record<string, unknown>;
  /** Its CallToolResult, sent whole as `ui/notifications/tool-result`. */
  readonly toolResult: Record<string, unknown>;
  /** The iframe's sandbox attribute (see OpenViewOptions.sandbox). */
  readonly sandbox: string;
}

/** Something the host page saw besides tool calls: initialized, size, log, open-link, message. */
export interface HostEvent {
  readonly kind: 'initialized' | 'size' | 'log' | 'open-link' | 'message';
  readonly detail: unknown;
}
