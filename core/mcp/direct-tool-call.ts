import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';
import { callTool, type CallScope } from './call-tool.js';
import type { DirectHandler } from './direct-request.js';
import { paramsRefusal } from './request-params.js';
import { requestContextOf } from './request-context.js';

/**
 * `tools/call` for the stateless hot path, answered without the SDK server: the request's
 * shape is checked here (as the SDK would, with a cheap test first and the same message as
 * every other path when it fails) and the call runs through the same {@link callTool}.
 *
 * @example
 * new McpEndpoint(registry, authenticator, { ..., directToolCall: (session) => directToolCall({ registry, runtime, session }) });
 */
export function directToolCall(scope: CallScope): DirectHandler {
  return (request, extra) => {
    const params = request.params;
    const args = params?.['arguments'];
    if (
      typeof params?.['name'] !== 'string' ||
      (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args)))
    ) {
      return Promise.reject(
        paramsRefusal(request) ??
          protocolError(
            'MCP_INVALID_PARAMS',
            'tools/call needs params.name, a string, and params.arguments, an object',
          ),
      );
    }
    // 2025-11-25's experimental `task` param is not offered there; 2026-07-28 tolerates and
    // ignores it (the server alone decides what becomes a task).
    if (params['task'] !== undefined && requestContextOf(extra)?.era !== 'modern') {
      return Promise.reject(
        protocolError(
          'MCP_INVALID_PARAMS',
          'this server does not run tools as tasks; call without params.task',
        ),
      );
    }
    return callTool(request as CallToolRequest, extra, scope);
  };
}
