import { McpError, type Result } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { permits } from '../../collection/collection-registry.js';
import { errorCodes } from '../../errors/error-codes.js';
import { protocolError } from '../../errors/protocol-error.js';
import type { CompiledTool } from '../../tool/compile-tool.js';
import { ClientCapabilityRequired } from '../../tool/client-capability-required.js';
import type { ToolTasks } from '../../tool/tool-tasks.js';
import type { CallScope } from '../call-tool.js';
import type { DirectHandler, HandlerExtra } from '../direct-request.js';
import { principalOf } from '../request-principal.js';
import { auditedClient, requestContextOf } from '../request-context.js';
import { answerSchemas } from '../modern/input-required.js';
import { detailedTask } from './detailed-task.js';
import { declaresTasks, tasksCapability, tasksExtension } from './start-task.js';
import type { TaskRecord, TaskRecords } from './task-records.js';

/** One task method's request as its answer reads it. */
interface TaskRequest {
  readonly principal: Principal;
  readonly params: Record<string, unknown> | undefined;
  readonly extra: HandlerExtra;
}

/** The methods of the Tasks extension this server answers (there is no `tasks/list`). */
export type TaskMethod = 'tasks/get' | 'tasks/update' | 'tasks/cancel';

/** A task as its caller may see it: the record, the tool it came from and the tool's contract. */
interface OwnTask {
  readonly taskId: string;
  readonly record: TaskRecord;
  readonly tool: CompiledTool;
  readonly tasks: ToolTasks;
}

function taskIdOf(method: TaskMethod, params: Record<string, unknown> | undefined): string {
  const taskId = params?.['taskId'];
  if (typeof taskId !== 'string' || taskId === '') {
    throw protocolError(
      'MCP_INVALID_PARAMS',
      `${method} needs params.taskId, the taskId a tools/call answered with`,
    );
  }
  return taskId;
}

/**
 * The task with this id if it is the caller's: made on this collection, for this user and this
 * client, by a tool the caller may still use. Anyone else's is "not found", so ids cannot be probed.
 */
async function ownTask(
  scope: CallScope & { readonly tasks: TaskRecords },
  taskId: string,
  principal: Principal,
): Promise<OwnTask> {
  const record = await scope.tasks.find(taskId);
  const tool = record ? scope.registry.tools.get(record.tool) : undefined;
  const tasks = tool?.definition.task;
  if (
    record === undefined ||
    tool === undefined ||
    tasks === undefined ||
    record.collection !== scope.registry.collection.id ||
    record.user !== principal.userId ||
    record.client !== principal.clientId ||
    !permits(principal.scopes, tool.definition.scopes)
  ) {
    throw protocolError(
      'MCP_TASK_NOT_FOUND',
      `Failed to retrieve task: no task ${taskId} of yours on this endpoint; use the taskId a tools/call answered you with`,
    );
  }
  if (record.expiresAt.getTime() <= Date.now()) {
    throw protocolError(
      'MCP_TASK_EXPIRED',
      `Failed to retrieve task: task ${taskId} has expired (tasks are kept ${Math.round((record.expiresAt.getTime() - record.createdAt.getTime()) / 3_600_000)} hours); call the tool again`,
    );
  }
  return { taskId, record, tool, tasks };
}

/**
 * Hands the work the answers to questions it has open: keys not open now are ignored (answered
 * already, never asked, or superseded), as the extension asks; each answer must be a valid result
 * of its question's method.
 */
async function deliverAnswers(task: OwnTask, responses: Record<string, unknown>): Promise<void> {
  const respond = task.tasks.respond?.bind(task.tasks);
  if (respond === undefined) return;
  const progress = await task.tasks.state(task.record.ref);
  if (progress?.status !== 'input_required') return;
  const answers: Record<string, unknown> = {};
  for (const [key, request] of Object.entries(progress.inputRequests)) {
    if (!(key in responses)) continue;
    const checked = answerSchemas[request.method]?.safeParse(responses[key]);
    if (!checked?.success) {
      throw protocolError(
        'MCP_INVALID_PARAMS',
        `params.inputResponses.${key} is not a valid ${request.method} result`,
      );
    }
    answers[key] = checked.data;
  }
  if (Object.keys(answers).length > 0) await respond(task.record.ref, answers);
}

/**
 * `tasks/get`, `tasks/update` and `tasks/cancel` for one collection (ADR 0029). Each needs the
 * extension declared on its own request (else -32021) and a task of the caller's (else -32602);
 * `tasks/get` reads the work's stored state through the tool's contract, so the instance that
 * made the task need not be the one asked. `tasks/update` hands the work the answers to its open
 * questions (a tool whose contract has no `respond` never asks) and is acknowledged.
 *
 * @example
 * const handlers = taskHandlers({ ...scope, tasks: records });
 * transport.answerDirectly('tasks/get', handlers['tasks/get']);
 */
export function taskHandlers(
  scope: CallScope & { readonly tasks: TaskRecords },
): Readonly<Record<TaskMethod, DirectHandler>> {
  const checked =
    (method: TaskMethod, answer: (task: OwnTask, request: TaskRequest) => Promise<Result>) =>
    async (request: { params?: Record<string, unknown> }, extra: HandlerExtra) => {
      if (!declaresTasks(requestContextOf(extra)?.clientCapabilities)) {
        throw new ClientCapabilityRequired(
          tasksCapability,
          `${method} belongs to the Tasks extension: declare "${tasksExtension}" in the request's clientCapabilities.extensions`,
        ).toProtocolError();
      }
      const taskId = taskIdOf(method, request.params);
      const principal = principalOf(extra);
      const task = await ownTask(scope, taskId, principal);
      return answer(task, { principal, params: request.params, extra });
    };
  return {
    'tasks/get': checked('tasks/get', (task) => detailedTask(task, scope.runtime.log)),
    'tasks/update': checked('tasks/update', async (task, { params }) => {
      const responses = params?.['inputResponses'];
      if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
        throw protocolError(
          'MCP_INVALID_PARAMS',
          'tasks/update needs params.inputResponses, an object of answers by inputRequests key',
        );
      }
      await deliverAnswers(task, responses as Record<string, unknown>);
      return {};
    }),
    'tasks/cancel': checked('tasks/cancel', async (task, { principal, extra }) => {
      const started = performance.now();
      await task.tasks.cancel(task.record.ref);
      scope.runtime.audit.record({
        at: new Date(),
        collectionId: scope.registry.collection.id,
        userId: principal.userId,
        role: principal.role,
        clientId: principal.clientId,
        tool: task.record.tool,
        // The row says what was asked: the task's work was told to stop, not this call.
        arguments: { request: 'tasks/cancel' },
        outcome: 'cancelled',
        durationMs: performance.now() - started,
        correlationId: randomUUID(),
        ...auditedClient(requestContextOf(extra)),
      });
      return {};
    }),
  };
}

/** A caller's own task as `tasks/get` would answer it now, or undefined when it is not theirs. */
export type TaskReader = (taskId: string, principal: Principal) => Promise<Result | undefined>;

/**
 * Reads the caller's own tasks for `notifications/tasks` on a `subscriptions/listen` stream:
 * the same checks and the same `DetailedTask` as `tasks/get`, with "not found", "expired" and
 * "gone" all undefined.
 *
 * @example
 * const read = taskReader({ ...scope, tasks: records });
 * const task = await read(taskId, principal); // { taskId, status: 'working', … } | undefined
 */
export function taskReader(scope: CallScope & { readonly tasks: TaskRecords }): TaskReader {
  return async (taskId, principal) => {
    try {
      return await detailedTask(await ownTask(scope, taskId, principal), scope.runtime.log);
    } catch (error) {
      if (error instanceof McpError && error.code === errorCodes.MCP_TASK_NOT_FOUND.jsonRpc) {
        return undefined;
      }
      throw error;
    }
  };
}
