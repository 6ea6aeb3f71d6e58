/** The protocol revision served without a handshake (ADR 0026). */
export const modernProtocolVersion = '2026-07-28';

/** `params._meta` keys of a 2026-07-28 request (`schema.ts` `RequestMetaObject`). */
export const protocolVersionKey = 'io.modelcontextprotocol/protocolVersion';
export const clientCapabilitiesKey = 'io.modelcontextprotocol/clientCapabilities';
export const clientInfoKey = 'io.modelcontextprotocol/clientInfo';
export const logLevelKey = 'io.modelcontextprotocol/logLevel';

/** `result._meta` key naming the server that answered. */
export const serverInfoKey = 'io.modelcontextprotocol/serverInfo';

/** `_meta` key tying a notification to the `subscriptions/listen` request it belongs to. */
export const subscriptionIdKey = 'io.modelcontextprotocol/subscriptionId';
