/** The two MCP revisions every collection URL serves (ADR 0026), as the bench sends them. */
export type ProtocolVersion = '2025-11-25' | '2026-07-28';

/** One kind of `tools/call` the bench drives, with the check every response body must pass. */
export interface Scenario {
  readonly id: 'ping' | 'get_announcement';
  /** The revision the request speaks: a stateless 2025-11-25 call or a 2026-07-28 one. */
  readonly protocolVersion: ProtocolVersion;
  /** The tool called, with its arguments. */
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The request body and headers, sent unchanged on every request. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * When set, the body's JSON-RPC id is the placeholder `[<id>]`, which the load generator
   * replaces with a unique string per request (a stateful session needs distinct ids for calls
   * in flight together); the check then wants a non-empty string id instead of 1.
   */
  readonly uniqueIds?: boolean;
  /**
   * When set, the answer is one Server-Sent Event (`event: message`, the JSON-RPC response as its
   * one data line), as the SDK v2 serves 2025-11-25 requests; else a JSON body.
   */
  readonly sseResponse?: boolean;
  /** True when `structuredContent` and the text content are what the tool must return. */
  verifyResult(structured: Record<string, unknown>, text: string): boolean;
}

/**
 * `params._meta` keys of a 2026-07-28 request, written out as a client writes them rather than
 * imported from core, so a wrong key in the server cannot make the bench agree with it.
 */
export const protocolVersionKey = 'io.modelcontextprotocol/protocolVersion';
const clientCapabilitiesKey = 'io.modelcontextprotocol/clientCapabilities';
const clientInfoKey = 'io.modelcontextprotocol/clientInfo';
/** `result._meta` key naming the server that answered a 2026-07-28 request. */
export const serverInfoKey = 'io.modelcontextprotocol/serverInfo';

/** The two revisions, as sent. */
export const legacyVersion = '2025-11-25';
const modernVersion = '2026-07-28';

/** Headers of a stateless Streamable HTTP client on the `agent` collection, either revision. */
export const baseHeaders = {
  authorization: `Bearer ${process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token'}`,
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
};

/** The JSON-RPC id of every request the bench sends (see `Scenario.uniqueIds`). */
export const requestId = 1;

function legacyCall(tool: string, args: Readonly<Record<string, unknown>>) {
  return {
    protocolVersion: legacyVersion,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: requestId,
      method: 'tools/call',
      params: { name: tool, arguments: args },
    }),
    headers: Object.freeze({ ...baseHeaders, 'mcp-protocol-version': legacyVersion }),
  } as const;
}

/**
 * A 2026-07-28 call: no initialize, no session; the envelope in `_meta` and the headers the
 * revision requires of every request. clientInfo is sent because real clients send it, so the
 * server's cost of reading it is part of the figure.
 */
function modernCall(tool: string, args: Readonly<Record<string, unknown>>) {
  return {
    protocolVersion: modernVersion,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: requestId,
      method: 'tools/call',
      params: {
        name: tool,
        arguments: args,
        _meta: {
          [protocolVersionKey]: modernVersion,
          [clientCapabilitiesKey]: {},
          [clientInfoKey]: { name: 'servicedesk-mcp-bench', version: '1.0.0' },
        },
      },
    }),
    headers: Object.freeze({
      ...baseHeaders,
      'mcp-protocol-version': modernVersion,
      'mcp-method': 'tools/call',
      'mcp-name': tool,
    }),
  } as const;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

const pingArguments = {};
const announcementArguments = { id: 1 };

const verifyPing: Scenario['verifyResult'] = (structured, text) =>
  structured['message'] === 'pong' &&
  isNonEmptyString(structured['serverTime']) &&
  text.startsWith('pong (server time ');

const verifyAnnouncement: Scenario['verifyResult'] = (structured, text) =>
  structured['id'] === 1 &&
  isNonEmptyString(structured['title']) &&
  isNonEmptyString(structured['body']) &&
  structured['audience'] === 'everyone' &&
  text.startsWith(`#1 ${String(structured['title'])} (everyone, `);

/** The trivial tool: no I/O, the cost of the request path itself. */
export const pingScenario = Object.freeze<Scenario>({
  id: 'ping',
  tool: 'ping',
  arguments: pingArguments,
  ...legacyCall('ping', pingArguments),
  verifyResult: verifyPing,
});

/** A primary-key read from SQLite: announcement 1 of the demo data. */
export const announcementScenario = Object.freeze<Scenario>({
  id: 'get_announcement',
  tool: 'get_announcement',
  arguments: announcementArguments,
  ...legacyCall('get_announcement', announcementArguments),
  verifyResult: verifyAnnouncement,
});

/** The same two calls in revision 2026-07-28. */
export const modernPingScenario = Object.freeze<Scenario>({
  ...pingScenario,
  ...modernCall('ping', pingArguments),
});
export const modernAnnouncementScenario = Object.freeze<Scenario>({
  ...announcementScenario,
  ...modernCall('get_announcement', announcementArguments),
});

/** Every scenario; each tool's two revisions side by side, so their cells run back to back. */
export const scenarios: readonly Scenario[] = [
  pingScenario,
  modernPingScenario,
  announcementScenario,
  modernAnnouncementScenario,
];

/**
 * A 2026-07-28 result says it is complete and names the server in `_meta`; a 2025-11-25 one has
 * neither. Checking this proves each era's cells measured that era's code path, not the other.
 */
function isEraShape(scenario: Scenario, result: Record<string, unknown>): boolean {
  if (scenario.protocolVersion === legacyVersion) return !('resultType' in result);
  const meta = result['_meta'];
  const serverInfo =
    typeof meta === 'object' && meta !== null
      ? (meta as Record<string, unknown>)[serverInfoKey]
      : undefined;
  return (
    result['resultType'] === 'complete' &&
    typeof serverInfo === 'object' &&
    serverInfo !== null &&
    isNonEmptyString((serverInfo as Record<string, unknown>)['name'])
  );
}

/** The data of a body that is exactly one `message` event with one data line, else undefined. */
export function sseData(body: string): string | undefined {
  return /^event: message\ndata: ([^\n]+)\n\n$/.exec(body)?.[1];
}

/**
 * True when `body` is the JSON-RPC success response to the bench's request: the same id, no
 * error, not a tool failure, the result shape of the scenario's revision, and the result the
 * scenario expects.
 */
export function isExpectedResponse(scenario: Scenario, body: string): boolean {
  const json = scenario.sseResponse === true ? sseData(body) : body;
  if (json === undefined) return false;
  let message: unknown;
  try {
    message = JSON.parse(json);
  } catch {
    return false;
  }
  if (typeof message !== 'object' || message === null) return false;
  const { jsonrpc, id, result } = message as Record<string, unknown>;
  const idMatches = scenario.uniqueIds === true ? isNonEmptyString(id) : id === requestId;
  if (jsonrpc !== '2.0' || !idMatches || typeof result !== 'object' || result === null)
    return false;
  if (!isEraShape(scenario, result as Record<string, unknown>)) return false;
  const { isError, structuredContent, content } = result as Record<string, unknown>;
  if (isError === true || typeof structuredContent !== 'object' || structuredContent === null)
    return false;
  if (!Array.isArray(content) || content.length !== 1) return false;
  const [block] = content as unknown[];
  const { type, text } = (block ?? {}) as Record<string, unknown>;
  if (type !== 'text' || typeof text !== 'string') return false;
  return scenario.verifyResult(structuredContent as Record<string, unknown>, text);
}
