/** What a raw 2026-07-28 POST gave back: the HTTP status and the one JSON-RPC message. */
export interface ModernAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read any shape
  readonly body: any;
}

/**
 * Sends one 2026-07-28 request as a client would: the `_meta` envelope and the `MCP-Protocol-Version`,
 * `Mcp-Method` and `Mcp-Name` headers, with `capabilities` as the client's declared capabilities.
 *
 * @example
 * const { body } = await modernPost(url, token, 'tools/call', { name: 'x', arguments: {} });
 */
export async function modernPost(
  url: string,
  token: string,
  request: {
    readonly method: string;
    readonly params: Record<string, unknown>;
    readonly capabilities?: Record<string, unknown>;
    readonly id?: number;
  },
): Promise<ModernAnswer> {
  const name = request.params['name'] ?? request.params['uri'];
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': request.method,
      ...(typeof name === 'string' && { 'mcp-name': name }),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: request.id ?? 1,
      method: request.method,
      params: {
        ...request.params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': request.capabilities ?? {},
          'io.modelcontextprotocol/clientInfo': { name: 'raw-test', version: '1' },
        },
      },
    }),
  });
  return { status: response.status, body: await response.json() };
}
