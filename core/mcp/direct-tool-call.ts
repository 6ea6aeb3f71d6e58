import { ErrorCode, McpError, type CallToolRequest } from '@modelcontextprotocol/sdk/types.js';
import { callTool, type CallScope } from './call-tool.js';
import type { DirectHandler } from './direct-request.js';

/**
 * `tools/call` for the stateless hot path, answered without the SDK server: the request's
 * shape is checked here (as the SDK would) and the call runs through the same {@link callTool}.
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
        new McpError(
          ErrorCode.InvalidParams,
          'Invalid tools/call request: params.name must be a string and params.arguments an object',
        ),
      );
    }
    if (params['task'] !== undefined) {
      return Promise.reject(
        new McpError(
          ErrorCode.InvalidParams,
          'this server does not run tools as tasks; call without params.task',
        ),
      );
    }
    return callTool(request as CallToolRequest, extra, scope);
  };
}
