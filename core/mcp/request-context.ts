import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type {
  ClientCapabilities,
  Implementation,
  JSONRPCMessage,
  LoggingLevel,
} from '@modelcontextprotocol/sdk/types.js';

/** Which revision family a request was served under (ADR 0026). */
export type ProtocolEra = 'modern' | 'legacy';

/**
 * What one request says about its client: from the request's own `_meta` in the 2026-07-28 era,
 * from the session's initialize (or only the header) in the 2025-11-25 era.
 */
export interface RequestContext {
  readonly era: ProtocolEra;
  readonly protocolVersion: string;
  readonly clientInfo?: Implementation | undefined;
  readonly clientCapabilities?: ClientCapabilities | undefined;
  /** Modern requests only: the least severe log level the client wants, or none at all. */
  readonly logLevel?: LoggingLevel | undefined;
}

export const requestContextKey = 'servicedesk.requestContext';

/** Longest client name or version kept: they are the client's words, shown in the audit log. */
const maxClientText = 200;

/** The client's name and version, cut to a length the audit log can hold. */
export function boundedClientInfo(info: Implementation | undefined): Implementation | undefined {
  if (info === undefined) return undefined;
  if (info.name.length <= maxClientText && info.version.length <= maxClientText) return info;
  return {
    ...info,
    name: info.name.slice(0, maxClientText),
    version: info.version.slice(0, maxClientText),
  };
}

/**
 * The context of the request being handled, or undefined for a call that came from no client
 * request (a runbook step started by the server).
 *
 * @example
 * const context = requestContextOf(extra);
 * if (context?.era === 'modern') …
 */
export function requestContextOf(extra: {
  authInfo?: AuthInfo | undefined;
}): RequestContext | undefined {
  return extra.authInfo?.extra?.[requestContextKey] as RequestContext | undefined;
}

/**
 * The audit row's client fields for a request: name, version and protocol version, each left
 * out where the request does not say.
 *
 * @example
 * audit.record({ ...entry, ...auditedClient(requestContextOf(extra)) });
 */
export function auditedClient(context: RequestContext | undefined): {
  clientName?: string;
  clientVersion?: string;
  protocolVersion?: string;
} {
  if (context === undefined) return {};
  return {
    ...(context.clientInfo !== undefined && {
      clientName: context.clientInfo.name,
      clientVersion: context.clientInfo.version,
    }),
    protocolVersion: context.protocolVersion,
  };
}

/** The revision to assume when a 2025-era request names none (the specification says so). */
const assumedLegacyVersion = '2025-03-26';

/**
 * The context of a 2025-11-25-era POST: the version from its header (or its initialize), and in
 * a stateful session the client's name and capabilities from that session's initialize. A
 * stateless request cannot be tied to the initialize that preceded it, so its client is unknown.
 *
 * @example
 * legacyContext(messages, headerValue(ctx, 'mcp-protocol-version'), session?.server);
 */
export function legacyContext(
  messages: readonly JSONRPCMessage[],
  versionHeader: string | undefined,
  server:
    | {
        getClientVersion(): Implementation | undefined;
        getClientCapabilities(): ClientCapabilities | undefined;
      }
    | undefined,
): RequestContext {
  let version = versionHeader;
  let info = server?.getClientVersion();
  for (const message of messages) {
    if (!('method' in message) || message.method !== 'initialize') continue;
    const params = message.params as { protocolVersion?: unknown; clientInfo?: Implementation };
    if (typeof params.protocolVersion === 'string') version ??= params.protocolVersion;
    info ??= params.clientInfo;
  }
  return {
    era: 'legacy',
    protocolVersion: version ?? assumedLegacyVersion,
    clientInfo: boundedClientInfo(info),
    clientCapabilities: server?.getClientCapabilities(),
  };
}
