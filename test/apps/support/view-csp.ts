/** A view resource's `_meta.ui.csp` (ext-apps' McpUiResourceCsp): the origins it asks for. */
export interface ViewCsp {
  readonly connectDomains?: readonly string[];
  readonly resourceDomains?: readonly string[];
  readonly frameDomains?: readonly string[];
  readonly baseUriDomains?: readonly string[];
}

/** The origins of a list, or `fallback` when there are none (the secure default of each). */
function sources(domains: readonly string[] | undefined, fallback: string): string {
  return domains !== undefined && domains.length > 0 ? domains.join(' ') : fallback;
}

/**
 * The Content-Security-Policy a host applies to a view from its resource's `_meta.ui.csp`, as
 * the MCP Apps spec maps it: nothing outside the document unless an origin is declared (inline
 * script and style, `data:` images and fonts). An empty or missing csp gives
 * `default-src 'none'; script-src 'unsafe-inline'; …; connect-src 'none'`.
 *
 * @example
 * viewCspHeader({ connectDomains: ['https://api.example.com'] });
 */
export function viewCspHeader(csp: ViewCsp | undefined = {}): string {
  const resources = csp.resourceDomains ?? [];
  const withResources = (base: string): string => [base, ...resources].join(' ');
  return [
    "default-src 'none'",
    `script-src ${withResources("'unsafe-inline'")}`,
    `style-src ${withResources("'unsafe-inline'")}`,
    `img-src ${withResources('data:')}`,
    `font-src ${withResources('data:')}`,
    `media-src ${withResources('data:')}`,
    `connect-src ${sources(csp.connectDomains, "'none'")}`,
    `frame-src ${sources(csp.frameDomains, "'none'")}`,
    `base-uri ${sources(csp.baseUriDomains, "'self'")}`,
  ].join('; ');
}

/**
 * The view's HTML with the CSP as a `<meta http-equiv>` placed first in `<head>` (before any of
 * its scripts), as a host does when it writes the view into `srcdoc`.
 *
 * @example
 * iframe.srcdoc = withViewCsp(html, resource._meta?.ui?.csp);
 */
export function withViewCsp(html: string, csp?: ViewCsp): string {
  const content = viewCspHeader(csp).replaceAll('"', '&quot;');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${content}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head !== null) {
    const at = head.index + head[0].length;
    return html.slice(0, at) + meta + html.slice(at);
  }
  return meta + html;
}
