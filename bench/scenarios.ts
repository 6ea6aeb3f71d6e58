/** One kind of `tools/call` the bench drives, with the check every response body must pass. */
export interface Scenario {
  readonly id: 'ping' | 'get_announcement';
  /** The tool called, with its arguments. */
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The request body, sent unchanged on every request. */
  readonly body: string;
  /** True when `structuredContent` and the text content are what the tool must return. */
  verifyResult(structured: Record<string, unknown>, text: string): boolean;
}

/** Headers of a stateless Streamable HTTP client on the `agent` collection. */
export const requestHeaders: Readonly<Record<string, string>> = Object.freeze({
  authorization: `Bearer ${process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token'}`,
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
  'mcp-protocol-version': '2025-11-25',
});

const requestId = 1;

function callBody(tool: string, args: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: requestId,
    method: 'tools/call',
    params: { name: tool, arguments: args },
  });
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

const pingArguments = {};
const announcementArguments = { id: 1 };

/** The trivial tool: no I/O, the cost of the request path itself. */
export const pingScenario = Object.freeze<Scenario>({
  id: 'ping',
  tool: 'ping',
  arguments: pingArguments,
  body: callBody('ping', pingArguments),
  verifyResult: (structured, text) =>
    structured['message'] === 'pong' &&
    isNonEmptyString(structured['serverTime']) &&
    text.startsWith('pong (server time '),
});

/** A primary-key read from SQLite: announcement 1 of the demo data. */
export const announcementScenario = Object.freeze<Scenario>({
  id: 'get_announcement',
  tool: 'get_announcement',
  arguments: announcementArguments,
  body: callBody('get_announcement', announcementArguments),
  verifyResult: (structured, text) =>
    structured['id'] === 1 &&
    isNonEmptyString(structured['title']) &&
    isNonEmptyString(structured['body']) &&
    structured['audience'] === 'everyone' &&
    text.startsWith(`#1 ${String(structured['title'])} (everyone, `),
});

export const scenarios: readonly Scenario[] = [pingScenario, announcementScenario];

/**
 * True when `body` is the JSON-RPC success response to the bench's request: the same id, no
 * error, not a tool failure, and the result the scenario expects.
 */
export function isExpectedResponse(scenario: Scenario, body: string): boolean {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof message !== 'object' || message === null) return false;
  const { jsonrpc, id, result } = message as Record<string, unknown>;
  if (jsonrpc !== '2.0' || id !== requestId || typeof result !== 'object' || result === null)
    return false;
  const { isError, structuredContent, content } = result as Record<string, unknown>;
  if (isError === true || typeof structuredContent !== 'object' || structuredContent === null)
    return false;
  if (!Array.isArray(content) || content.length !== 1) return false;
  const [block] = content as unknown[];
  const { type, text } = (block ?? {}) as Record<string, unknown>;
  if (type !== 'text' || typeof text !== 'string') return false;
  return scenario.verifyResult(structuredContent as Record<string, unknown>, text);
}
