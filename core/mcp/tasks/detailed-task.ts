import type { Result } from '@modelcontextprotocol/sdk/types.js';
import { errorCodes } from '../../errors/error-codes.js';
import { protocolError } from '../../errors/protocol-error.js';
import type { Logger } from '../../log/logger.js';
import type { CompiledTool } from '../../tool/compile-tool.js';
import type { ToolTasks } from '../../tool/tool-tasks.js';
import { toToolResult } from '../tool-output.js';
import { defaultPollIntervalMs } from './start-task.js';
import type { TaskRecord } from './task-records.js';

/**
 * The extension's `DetailedTask` for a task now, from its work's stored state: `completed` with
 * the very `CallToolResult` the tool would have answered (a tool error included), `failed` with
 * the JSON-RPC error when the work could not finish, `input_required` with the open questions,
 * `cancelled`, or `working`.
 *
 * @example
 * return detailedTask({ taskId, record, tool, tasks }, runtime.log);
 */
export async function detailedTask(
  task: {
    readonly taskId: string;
    readonly record: TaskRecord;
    readonly tool: CompiledTool;
    readonly tasks: ToolTasks;
  },
  log: Logger,
): Promise<Result> {
  const { taskId, record, tool, tasks } = task;
  const progress = await tasks.state(record.ref);
  if (progress === undefined) {
    throw protocolError(
      'MCP_TASK_NOT_FOUND',
      `Failed to retrieve task: the work of task ${taskId} is no longer stored; call the tool again`,
    );
  }
  const updated = Math.max(progress.updatedAt.getTime(), record.createdAt.getTime());
  const base = {
    taskId,
    status: progress.status,
    ...(progress.message !== undefined && { statusMessage: progress.message }),
    createdAt: record.createdAt.toISOString(),
    lastUpdatedAt: new Date(updated).toISOString(),
    ttlMs: record.expiresAt.getTime() - record.createdAt.getTime(),
    pollIntervalMs: tasks.pollIntervalMs ?? defaultPollIntervalMs,
  };
  if (progress.status === 'failed') {
    const code = 'MCP_TASK_FAILED';
    return {
      ...base,
      error: { code: errorCodes[code].jsonRpc, message: progress.message, data: { code } },
    };
  }
  if (progress.status === 'input_required')
    return { ...base, inputRequests: progress.inputRequests };
  if (progress.status !== 'completed') return base;
  const shaped = toToolResult(tool, progress.output);
  if (shaped.ok) return { ...base, result: { resultType: 'complete', ...shaped.value } };
  log.error('a task ended with output that does not match its output schema', {
    tool: record.tool,
    issues: shaped.issues,
  });
  return {
    ...base,
    result: {
      resultType: 'complete',
      content: [
        {
          type: 'text',
          text: `Tool ${record.tool} produced a result that does not match its declared output; this is a defect in the tool, not in your arguments.`,
        },
      ],
      isError: true,
    },
  };
}
