import { ServiceDeskError } from '../errors/servicedesk-error.js';

/** The MIME type of an MCP Apps view (`text/html;profile=mcp-app`, SEP-1865). */
export const viewMimeType = 'text/html;profile=mcp-app';

/** The MCP Apps extension's name in client and server capabilities. */
export const appsExtension = 'io.modelcontextprotocol/ui';

/**
 * Outside origins a view may reach, as the host turns them into its frame's Content Security
 * Policy. Empty (the default) blocks every outside origin: the view gets its data only from tool
 * results the host passes it.
 */
export interface ViewCsp {
  readonly connectDomains?: readonly string[];
  readonly resourceDomains?: readonly string[];
}

/** A view as a plugin writes it; see {@link defineView}. */
export interface ViewSpec {
  /** `ui://<server>/<view>`: the resource the host reads and renders. */
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /**
   * The complete HTML document, or a function that returns it. Called once, when the server
   * starts; a throw stops the start naming the plugin and the view.
   */
  readonly html: string | (() => string);
  /**
   * Tools the view offers as actions (buttons, forms). Each result of a tool showing this view
   * names, in `_meta["servicedesk-mcp/actions"]`, those the caller may call in that collection,
   * so the view offers only what would succeed; the call itself is checked like any other.
   */
  readonly actions?: readonly string[];
  readonly csp?: ViewCsp;
  /** Asks the host to draw a border around the frame. */
  readonly prefersBorder?: boolean;
}

/** A frozen view, as produced by {@link defineView}. */
export interface ViewDefinition extends Omit<ViewSpec, 'html'> {
  readonly kind: 'view';
  readonly actions: readonly string[];
  /** The HTML, read on first use and kept. */
  html(): string;
}

/**
 * Declares an MCP Apps view: an HTML document the host renders beside a tool's result. A tool
 * shows it with `ui: { view }`; the collection serves it as a `ui://` resource.
 *
 * @example
 * export const ticketCard = defineView({
 *   uri: 'ui://servicedesk/ticket-card', name: 'ticket-card', title: 'Ticket card',
 *   html: () => readFileSync(new URL('./ticket-card.html', import.meta.url), 'utf8'),
 *   actions: ['assign_to_me', 'add_note'],
 * });
 */
export function defineView(spec: ViewSpec): ViewDefinition {
  if (!/^ui:\/\/[^/\s]+\/\S+$/.test(spec.uri)) {
    throw new ServiceDeskError(
      'VIEW_INVALID',
      `view "${spec.name}" has URI "${spec.uri}", which must be ui://<server>/<view> with no spaces`,
    );
  }
  const source = spec.html;
  let html: string | undefined;
  return Object.freeze({
    kind: 'view' as const,
    uri: spec.uri,
    name: spec.name,
    ...(spec.title !== undefined && { title: spec.title }),
    ...(spec.description !== undefined && { description: spec.description }),
    actions: Object.freeze([...(spec.actions ?? [])]),
    ...(spec.csp !== undefined && { csp: spec.csp }),
    ...(spec.prefersBorder !== undefined && { prefersBorder: spec.prefersBorder }),
    html: () => (html ??= typeof source === 'string' ? source : source()),
  });
}

/**
 * The `_meta.ui` a view's resource carries in `resources/list` and `resources/read`: its CSP
 * (empty lists when it declares none, so a host applies its strictest policy) and border wish.
 *
 * @example
 * viewResourceMeta(ticketCard); // { ui: { csp: { connectDomains: [], resourceDomains: [] } } }
 */
export function viewResourceMeta(view: ViewDefinition): Record<string, unknown> {
  return {
    ui: {
      csp: {
        connectDomains: [...(view.csp?.connectDomains ?? [])],
        resourceDomains: [...(view.csp?.resourceDomains ?? [])],
      },
      ...(view.prefersBorder !== undefined && { prefersBorder: view.prefersBorder }),
    },
  };
}
