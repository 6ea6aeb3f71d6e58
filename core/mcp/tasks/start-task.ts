import type { ClientCapabilities, Result } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../../auth/principal.js';
import type { CompiledTool } from '../../tool/compile-tool.js';
import type { ToolContext } from '../../tool/tool-context.js';
import type { ToolTasks } from '../../tool/tool-tasks.js';
import type { CallScope } from '../call-tool.js';
import type { HandlerExtra } from '../direct-request.js';
import { requestContextOf } from '../request-context.js';
import { taskTtlMs, type TaskRecords } from './task-records.js';

/** The Tasks extension's name, in client and server capabilities. */
export const tasksExtension = 'io.modelcontextprotocol/tasks';

/**
 * The capabilities that name the Tasks extension: what a client declares, what a refusal says is
 * missing, what `server/discover` advertises (the extension defines no settings: `{}`).
 *
 * @example
 * throw new ClientCapabilityRequired(tasksCapability, 'this tool runs only as a task');
 */
export const tasksCapability: ClientCapabilities = Object.freeze({
  extensions: Object.freeze({ [tasksExtension]: Object.freeze({}) }),
});

/** How often a client should poll a task whose tool does not say, in ms. */
export const defaultPollIntervalMs = 1000;

/**
 * True when these client capabilities declare the Tasks extension.
 *
 * @example
 * declaresTasks({ extensions: { 'io.modelcontextprotocol/tasks': {} } }); // true
 */
export function declaresTasks(capabilities: ClientCapabilities | undefined): boolean {
  const extensions = (capabilities as { extensions?: unknown } | undefined)?.extensions;
  return typeof extensions === 'object' && extensions !== null && tasksExtension in extensions;
}

/** A started task, as `callTool` hands it back unchanged (it is no `CallToolResult`). */
export class CreatedTask {
  constructor(readonly result: Result) {}
}

/**
 * The tool's task contract when this call is to become a task: a client's own call (not a tool's
 * nested one) under 2026-07-28 that declares the extension, to a tool that offers tasks, on a
 * binding that keeps them. Otherwise undefined and the handler answers as usual.
 *
 * @example
 * const tasks = taskContractFor(tool, extra, scope);
 */
export function taskContractFor(
  tool: CompiledTool,
  extra: HandlerExtra,
  scope: CallScope,
): { tasks: ToolTasks; records: TaskRecords } | undefined {
  const tasks = tool.definition.task;
  if (tasks === undefined || scope.tasks === undefined || (scope.depth ?? 0) > 0) return undefined;
  const context = requestContextOf(extra);
  if (context?.era !== 'modern' || !declaresTasks(context.clientCapabilities)) return undefined;
  return { tasks, records: scope.tasks };
}

/**
 * Starts the tool's work and stores its task before answering, as the extension requires (a
 * `tasks/get` on any instance finds it at once); when the task cannot be stored, the work it
 * would have followed is asked to stop and the storage error is the call's.
 *
 * @example
 * const created = await startTask({ tasks, records }, ctx, { collection, tool: name, principal });
 */
export async function startTask(
  contract: { tasks: ToolTasks; records: TaskRecords },
  ctx: ToolContext<unknown>,
  owner: { readonly collection: string; readonly tool: string; readonly principal: Principal },
): Promise<CreatedTask> {
  const ref = await contract.tasks.start(ctx);
  let created;
  try {
    created = await contract.records.create({
      collection: owner.collection,
      tool: owner.tool,
      ref,
      user: owner.principal.userId,
      client: owner.principal.clientId,
    });
  } catch (error) {
    await contract.tasks.cancel(ref).catch(() => undefined);
    throw error;
  }
  const at = created.record.createdAt.toISOString();
  return new CreatedTask({
    resultType: 'task',
    taskId: created.taskId,
    status: 'working',
    createdAt: at,
    lastUpdatedAt: at,
    ttlMs: taskTtlMs,
    pollIntervalMs: contract.tasks.pollIntervalMs ?? defaultPollIntervalMs,
  });
}
