import {
  baseHeaders,
  legacyVersion,
  requestId,
  scenarios,
  sseData,
  type ProtocolVersion,
  type Scenario,
} from './scenarios.js';
import type { TargetKind } from './target-protocol.js';

/** The revisions each target serves; peers built on SDK v1 know nothing of 2026-07-28. */
const revisionsOf: Readonly<Record<TargetKind, readonly ProtocolVersion[]>> = {
  server: ['2025-11-25', '2026-07-28'],
  floor: ['2025-11-25', '2026-07-28'],
  'sdk-v2': ['2025-11-25', '2026-07-28'],
  'sdk-stateless': ['2025-11-25'],
  'sdk-stateful': ['2025-11-25'],
  fastmcp: ['2025-11-25'],
};

/** True when the target speaks the scenario's revision, so the bench runs that cell. */
export function servesRevision(kind: TargetKind, revision: ProtocolVersion): boolean {
  return revisionsOf[kind].includes(revision);
}

const legacyHeaders = { ...baseHeaders, 'mcp-protocol-version': legacyVersion };

async function post(
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/**
 * Opens a 2025-11-25 session on a stateful server: `initialize`, then the `initialized`
 * notification, as a client does once per session. Resolves with the session id.
 *
 * @example
 * const sessionId = await openSession(target.url);
 */
export async function openSession(url: string): Promise<string> {
  const initialize = await post(
    url,
    {
      jsonrpc: '2.0',
      id: requestId,
      method: 'initialize',
      params: {
        protocolVersion: legacyVersion,
        capabilities: {},
        clientInfo: { name: 'servicedesk-mcp-bench', version: '1.0.0' },
      },
    },
    legacyHeaders,
  );
  const sessionId = initialize.headers.get('mcp-session-id');
  await initialize.text();
  if (initialize.status !== 200 || sessionId === null)
    throw new Error(`initialize answered ${initialize.status} without a session id`);
  const headers = { ...legacyHeaders, 'mcp-session-id': sessionId };
  const initialized = await post(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    headers,
  );
  await initialized.text();
  if (initialized.status !== 202)
    throw new Error(`notifications/initialized answered ${initialized.status}`);
  return sessionId;
}

/**
 * A 2025-11-25 scenario sent inside an open session: the session header on every request, and
 * a unique id per request, because the calls of all connections share the one session and the
 * SDK routes each response by its request id. Opening the session is not timed: a stateful
 * client pays `initialize` once, not per call.
 *
 * @example
 * const scenario = inSession(pingScenario, await openSession(url));
 */
export function inSession(scenario: Scenario, sessionId: string): Scenario {
  return Object.freeze<Scenario>({
    ...scenario,
    body: scenario.body.replace(`"id":${requestId},`, '"id":"[<id>]",'),
    headers: Object.freeze({ ...scenario.headers, 'mcp-session-id': sessionId }),
    uniqueIds: true,
  });
}

/**
 * The scenarios a target runs: every bench scenario in a revision it serves, in a session for
 * the stateful peer. `sessionId` is required for that peer and ignored for the others.
 *
 * @example
 * const list = scenariosFor('sdk-v2');
 */
export function scenariosFor(kind: TargetKind, sessionId?: string): readonly Scenario[] {
  const served = scenarios.filter((scenario) => servesRevision(kind, scenario.protocolVersion));
  // SDK v2 answers 2025-11-25 through its stateless legacy fallback, which streams (SSE) whatever
  // responseMode says; the check reads the one event, as strictly as a JSON body.
  if (kind === 'sdk-v2')
    return served.map((scenario) =>
      scenario.protocolVersion === legacyVersion
        ? Object.freeze<Scenario>({ ...scenario, sseResponse: true })
        : scenario,
    );
  if (kind !== 'sdk-stateful') return served;
  if (sessionId === undefined) throw new Error('the stateful peer needs a session id');
  return served.map((scenario) => inSession(scenario, sessionId));
}

/**
 * Whether `url` answers `tools/list` (2025-11-25, stateless unless a session is given) with the
 * bench's `tool` among its tools: the first answer a cold start is timed to.
 *
 * @example
 * while (!(await listsTools(url, 'ping'))) await delay(5);
 */
export async function listsTools(url: string, tool: string, sessionId?: string): Promise<boolean> {
  try {
    const headers =
      sessionId === undefined ? legacyHeaders : { ...legacyHeaders, 'mcp-session-id': sessionId };
    const response = await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers);
    if (response.status !== 200) return false;
    const text = await response.text();
    const json = text.startsWith('event:') ? sseData(text) : text;
    if (json === undefined) return false;
    const body = JSON.parse(json) as { result?: { tools?: { name: string }[] } };
    return body.result?.tools?.some((entry) => entry.name === tool) === true;
  } catch {
    return false;
  }
}
