/**
 * Every coded error the core raises, with the HTTP status and JSON-RPC code it maps to when it
 * reaches the wire. Each code has a row in docs/errors.md.
 */
export const errorCodes = {
  // Startup: configuration and definitions.
  CONFIG_INVALID: { http: 500, jsonRpc: -32603 },
  PLUGIN_INVALID_ID: { http: 500, jsonRpc: -32603 },
  PLUGIN_DUPLICATE_ID: { http: 500, jsonRpc: -32603 },
  PLUGIN_MISSING_DEPENDENCY: { http: 500, jsonRpc: -32603 },
  PLUGIN_DEPENDENCY_CYCLE: { http: 500, jsonRpc: -32603 },
  PLUGIN_SETUP_FAILED: { http: 500, jsonRpc: -32603 },
  PLUGIN_DUPLICATE_SERVICE: { http: 500, jsonRpc: -32603 },
  PLUGIN_INVALID_COMMAND: { http: 500, jsonRpc: -32603 },
  PLUGIN_SERVICE_MISSING: { http: 500, jsonRpc: -32603 },
  SCOPE_INVALID: { http: 500, jsonRpc: -32603 },
  SCOPE_UNDEFINED: { http: 500, jsonRpc: -32603 },
  TOOL_INVALID_NAME: { http: 500, jsonRpc: -32603 },
  TOOL_INVALID_DEFINITION: { http: 500, jsonRpc: -32603 },
  TOOL_DUPLICATE_NAME: { http: 500, jsonRpc: -32603 },
  RESOURCE_DUPLICATE: { http: 500, jsonRpc: -32603 },
  PROMPT_DUPLICATE_NAME: { http: 500, jsonRpc: -32603 },
  COLLECTION_INVALID_ID: { http: 500, jsonRpc: -32603 },
  COLLECTION_INVALID_PATH: { http: 500, jsonRpc: -32603 },
  COLLECTION_DUPLICATE_ID: { http: 500, jsonRpc: -32603 },
  COLLECTION_UNKNOWN_PLUGIN: { http: 500, jsonRpc: -32603 },
  COLLECTION_DUPLICATE_PATH: { http: 500, jsonRpc: -32603 },
  COLLECTION_UNAUTHENTICATED_PUBLIC: { http: 500, jsonRpc: -32603 },
  AUTH_DEV_TOKENS_PUBLIC: { http: 500, jsonRpc: -32603 },
  STORAGE_UNREACHABLE: { http: 503, jsonRpc: -32603 },
  MIGRATION_FAILED: { http: 500, jsonRpc: -32603 },
  // Requests.
  HTTP_HOST_NOT_ALLOWED: { http: 403, jsonRpc: -32600 },
  HTTP_ORIGIN_NOT_ALLOWED: { http: 403, jsonRpc: -32600 },
  HTTP_BODY_TOO_LARGE: { http: 413, jsonRpc: -32600 },
  HTTP_BAD_REQUEST: { http: 400, jsonRpc: -32600 },
  HTTP_NOT_ACCEPTABLE: { http: 406, jsonRpc: -32600 },
  HTTP_UNSUPPORTED_MEDIA_TYPE: { http: 415, jsonRpc: -32600 },
  MCP_PARSE_ERROR: { http: 400, jsonRpc: -32700 },
  AUTH_TOKEN_MISSING: { http: 401, jsonRpc: -32001 },
  AUTH_TOKEN_INVALID: { http: 401, jsonRpc: -32001 },
  AUTH_WRONG_AUDIENCE: { http: 401, jsonRpc: -32001 },
  AUTH_INSUFFICIENT_SCOPE: { http: 403, jsonRpc: -32001 },
  SESSION_NOT_FOUND: { http: 404, jsonRpc: -32001 },
  SESSION_REQUIRED: { http: 400, jsonRpc: -32000 },
  SESSION_LIMIT_REACHED: { http: 503, jsonRpc: -32000 },
  SERVER_SHUTTING_DOWN: { http: 503, jsonRpc: -32603 },
  TOOL_NOT_FOUND: { http: 200, jsonRpc: -32602 },
  RESOURCE_NOT_FOUND: { http: 200, jsonRpc: -32002 },
  RESOURCE_TEMPLATE_NOT_FOUND: { http: 200, jsonRpc: -32602 },
  RESOURCE_NOT_SUBSCRIBABLE: { http: 200, jsonRpc: -32602 },
  RESOURCE_SUBSCRIBE_NEEDS_SESSION: { http: 200, jsonRpc: -32601 },
  PROMPT_NOT_FOUND: { http: 200, jsonRpc: -32602 },
  PROMPT_INVALID_ARGUMENTS: { http: 200, jsonRpc: -32602 },
  // Tool failures (isError results, never protocol errors).
  TOOL_INVALID_INPUT: { http: 200, jsonRpc: -32602 },
  TOOL_INVALID_OUTPUT: { http: 200, jsonRpc: -32603 },
  TOOL_FAILED: { http: 200, jsonRpc: -32603 },
  TOOL_CANCELLED: { http: 200, jsonRpc: -32603 },
  INTERNAL_ERROR: { http: 500, jsonRpc: -32603 },
} as const satisfies Record<string, { http: number; jsonRpc: number }>;

/** A code from the table above. */
export type ErrorCode = keyof typeof errorCodes;
