import type { IncomingHttpHeaders } from 'node:http';
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type Implementation,
  type JSONRPCMessage,
  type LoggingLevel,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { ErrorCode } from '../errors/error-codes.js';
import {
  clientCapabilitiesKey,
  clientInfoKey,
  logLevelKey,
  modernProtocolVersion,
  protocolVersionKey,
} from '../mcp/modern/envelope-keys.js';
import { boundedClientInfo, type RequestContext } from '../mcp/request-context.js';

/** What a modern request says about itself in `params._meta`. */
type ModernEnvelope = RequestContext & { readonly era: 'modern' };

/** A POST refused before dispatch, answered with the request's id and `data`. */
export interface EraRefusal {
  readonly code: ErrorCode;
  readonly message: string;
  readonly id: RequestId | null;
  readonly data?: Record<string, unknown>;
}

/** How one POST is to be served. */
export type PostEra =
  | { readonly era: 'legacy' }
  | { readonly era: 'modern'; readonly context: ModernEnvelope }
  | { readonly era: 'refused'; readonly refusal: EraRefusal };

const levels: ReadonlySet<string> = new Set([
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
]);

/** Every version this server speaks, for the refusal of a 2025-era header. */
const supportedVersions: readonly string[] = [modernProtocolVersion, '2025-11-25'];

/**
 * The versions a refused 2026-07-28 envelope is told about: those `server/discover` lists (the
 * conformance suite checks they agree); 2025-11-25 is reached by `initialize`, never by an envelope.
 */
const envelopeVersions: readonly string[] = [modernProtocolVersion];

/** The request param `Mcp-Name` must repeat, for the methods that name something. */
const namedBy: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  // The Tasks extension: so a load balancer can route by task.
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  // Node has already removed line breaks; trim() drops the spaces and tabs the binding allows.
  return first?.trim();
}

/** `Mcp-Name` as sent, or decoded from the `=?base64?…?=` form; null when that form is broken. */
function decodedName(value: string): string | null {
  const match = /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/.exec(value);
  if (!match) return value.startsWith('=?base64?') ? null : value;
  const bytes = Buffer.from(match[1] as string, 'base64');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : null;
}

function metaOf(message: JSONRPCMessage): Record<string, unknown> | undefined {
  const params = (message as { params?: { _meta?: unknown } }).params;
  const meta = params?._meta;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : undefined;
}

function claims(message: JSONRPCMessage): boolean {
  const meta = metaOf(message);
  return meta !== undefined && protocolVersionKey in meta;
}

function idOf(message: JSONRPCMessage): RequestId | null {
  return 'id' in message && message.id !== undefined ? message.id : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope, or the key that is wrong in it. */
function readEnvelope(
  meta: Record<string, unknown>,
): { envelope: ModernEnvelope } | { wrong: string; why: string } {
  const version = meta[protocolVersionKey];
  if (typeof version !== 'string') return { wrong: protocolVersionKey, why: 'a string' };
  const capabilities = meta[clientCapabilitiesKey];
  if (!isObject(capabilities))
    return { wrong: clientCapabilitiesKey, why: 'an object ({} when the client offers none)' };
  const info = meta[clientInfoKey];
  if (
    info !== undefined &&
    (!isObject(info) || typeof info['name'] !== 'string' || typeof info['version'] !== 'string')
  )
    return { wrong: clientInfoKey, why: 'an object with string name and version' };
  const level = meta[logLevelKey];
  if (level !== undefined && (typeof level !== 'string' || !levels.has(level)))
    return { wrong: logLevelKey, why: `one of ${[...levels].join(', ')}` };
  return {
    envelope: {
      era: 'modern',
      protocolVersion: version,
      clientCapabilities: capabilities,
      clientInfo: boundedClientInfo(info as unknown as Implementation | undefined),
      ...(level !== undefined && { logLevel: level as LoggingLevel }),
    },
  };
}

function refused(refusal: EraRefusal): PostEra {
  return { era: 'refused', refusal };
}

/** Rules 3 and 4 of ADR 0026 for one message that claims the modern era. */
function classifyClaim(message: JSONRPCMessage, headers: IncomingHttpHeaders): PostEra {
  const id = idOf(message);
  const read = readEnvelope(metaOf(message) as Record<string, unknown>);
  if ('wrong' in read)
    return refused({
      code: 'MCP_META_INVALID',
      message: `params._meta["${read.wrong}"] must be ${read.why}`,
      id,
    });
  const { envelope } = read;
  const versionHeader = header(headers, 'mcp-protocol-version');
  if (versionHeader !== undefined && versionHeader !== envelope.protocolVersion)
    return refused({
      code: 'MCP_HEADER_MISMATCH',
      message: `the MCP-Protocol-Version header (${versionHeader}) differs from params._meta["${protocolVersionKey}"] (${envelope.protocolVersion}); send the same version in both`,
      id,
    });
  const method = 'method' in message ? message.method : undefined;
  const methodHeader = header(headers, 'mcp-method');
  if (methodHeader !== undefined && methodHeader !== method)
    return refused({
      code: 'MCP_HEADER_MISMATCH',
      message: `the Mcp-Method header (${methodHeader}) differs from the body's method (${String(method)})`,
      id,
    });
  if (envelope.protocolVersion !== modernProtocolVersion)
    return refused({
      code: 'MCP_UNSUPPORTED_VERSION',
      message: `protocol version ${envelope.protocolVersion} is not supported; supported: ${envelopeVersions.join(', ')} (and 2025-11-25 through initialize)`,
      id,
      data: { supported: envelopeVersions, requested: envelope.protocolVersion },
    });
  // Presence is required of requests only; a notification is dispatched without the headers.
  if (id === null) return { era: 'modern', context: envelope };
  if (versionHeader === undefined)
    return refused({
      code: 'MCP_HEADER_MISMATCH',
      message: `send the MCP-Protocol-Version header (${modernProtocolVersion}) with every request`,
      id,
    });
  if (methodHeader === undefined)
    return refused({
      code: 'MCP_HEADER_MISMATCH',
      message: `send the Mcp-Method header (${method})`,
      id,
    });
  const nameParam = method !== undefined ? namedBy[method] : undefined;
  const named = nameParam
    ? (message as { params?: Record<string, unknown> }).params?.[nameParam]
    : undefined;
  if (typeof named === 'string') {
    const sent = header(headers, 'mcp-name');
    if (sent === undefined)
      return refused({
        code: 'MCP_HEADER_MISMATCH',
        message: `send the Mcp-Name header with params.${nameParam} (${named})`,
        id,
      });
    const name = decodedName(sent);
    if (name !== named)
      return refused({
        code: 'MCP_HEADER_MISMATCH',
        message:
          name === null
            ? 'the Mcp-Name header is not valid =?base64?…?= encoding'
            : `the Mcp-Name header (${name}) differs from params.${nameParam} (${named})`,
        id,
      });
  }
  return { era: 'modern', context: envelope };
}

/**
 * Decides which protocol era serves a POST, or refuses it as revision 2026-07-28 prescribes
 * (ADR 0026, "Era detection"): a request claims the modern era by
 * `params._meta["io.modelcontextprotocol/protocolVersion"]`; an `initialize` without that claim
 * starts a 2025-11-25 exchange as before.
 *
 * @example
 * const era = classifyPost(messages, { batch, headers: ctx.req.headers });
 * if (era.era === 'refused') answerRefusal(ctx, era.refusal);
 */
export function classifyPost(
  messages: readonly JSONRPCMessage[],
  request: { readonly batch: boolean; readonly headers: IncomingHttpHeaders },
): PostEra {
  const { headers } = request;
  const first = messages[0];
  if (request.batch) {
    if (messages.some(claims))
      return refused({
        code: 'HTTP_BAD_REQUEST',
        message: `Invalid Request: JSON-RPC batches are not part of MCP ${modernProtocolVersion}; send one message per POST`,
        id: null,
      });
    return { era: 'legacy' };
  }
  const message = first as JSONRPCMessage;
  const versionHeader = header(headers, 'mcp-protocol-version');
  // Revisions are dates: only a date from 2026-07-28 on names the stateless era.
  const modernHeader =
    versionHeader !== undefined &&
    /^\d{4}-\d{2}-\d{2}$/.test(versionHeader) &&
    versionHeader >= modernProtocolVersion;
  if ('method' in message && message.method === 'initialize' && !claims(message)) {
    if (modernHeader)
      return refused({
        code: 'MCP_HEADER_MISMATCH',
        message: `initialize is not part of MCP ${versionHeader}; send requests with params._meta["${protocolVersionKey}"] instead`,
        id: idOf(message),
      });
    return { era: 'legacy' };
  }
  if (claims(message)) return classifyClaim(message, headers);
  if (modernHeader) {
    const meta = metaOf(message) ?? {};
    const missing = [protocolVersionKey, clientCapabilitiesKey].filter((key) => !(key in meta));
    return refused({
      code: 'MCP_META_INVALID',
      message: `MCP ${versionHeader} requests carry ${missing.map((key) => `params._meta["${key}"]`).join(' and ')}; ${missing.length === 1 ? 'it is' : 'both are'} missing`,
      id: idOf(message),
    });
  }
  if (versionHeader !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(versionHeader))
    return refused({
      code: 'HTTP_BAD_REQUEST',
      message: `unsupported MCP-Protocol-Version ${versionHeader}; supported: ${supportedVersions.join(', ')}`,
      id: idOf(message),
    });
  return { era: 'legacy' };
}
