import { z } from 'zod';
import { defineTool, definePlugin, ToolError, type PluginDefinition } from '../../../core/index.js';
import { defineRunbook } from '../../../plugins/runbooks/index.js';

/** A step that waits (reporting progress) until it is cancelled or `seconds` pass. */
const waitForCancelTool = defineTool({
  name: 'wait_for_cancel',
  title: 'Wait until cancelled',
  description: 'Test tool: waits until the call is cancelled or the time is up.',
  input: z.object({ seconds: z.number().min(0).max(30) }),
  scopes: ['drills:run'],
  handler: async ({ input, signal, progress }) => {
    await progress(0, 2, 'waiting');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, input.seconds * 1000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (signal.aborted) throw new ToolError('wait_for_cancel was cancelled');
    await progress(1, 2, 'done waiting');
    return `waited ${input.seconds} s`;
  },
});

/** A step that always fails with the reason it is given. */
const alwaysFailTool = defineTool({
  name: 'always_fail',
  title: 'Always fail',
  description: 'Test tool: fails with the reason it is given.',
  input: z.object({ reason: z.string() }),
  scopes: ['drills:run'],
  handler: ({ input }) => {
    throw new ToolError(input.reason);
  },
});

/**
 * A test plugin with a slow and a failing tool, for runbook steps that must wait or fail.
 *
 * @example
 * startTestServer({ plugins: [...exampleDeskPlugins(5), drillsPlugin(), runbooksPlugin(...)] })
 */
export function drillsPlugin(): PluginDefinition {
  return definePlugin({
    id: 'runbook-drills',
    version: '0.0.0',
    scopes: { 'drills:run': 'Run the test drills' },
    tools: [waitForCancelTool, alwaysFailTool],
  });
}

const ticketInput = z.object({ summary: z.string().min(1).describe('Ticket title') });

function failing(id: string, onError: 'stop' | 'continue') {
  return defineRunbook({
    id,
    title: `Fail in the middle (${onError})`,
    description: 'Raises a ticket, runs a step that fails, then logs 10 minutes.',
    input: ticketInput,
    steps: [
      {
        id: 'ticket',
        tool: 'create_ticket',
        arguments: { type: 'service_request', summary: '{{ input.summary }}', details: 'drill' },
      },
      { id: 'boom', tool: 'always_fail', arguments: { reason: 'the drill fails here' }, onError },
      {
        id: 'log_work',
        tool: 'log_time',
        arguments: { ticketId: '{{ steps.ticket.result.id }}', minutes: 10 },
      },
    ],
  });
}

/** A failing middle step with onError stop (the default spelled out). */
export const failAndStop = failing('fail_and_stop', 'stop');
/** A failing middle step with onError continue. */
export const failAndContinue = failing('fail_and_continue', 'continue');

/** Raises a ticket, waits, then logs 10 minutes: cancel it while it waits. */
export const slowDrill = defineRunbook({
  id: 'slow_drill',
  title: 'Raise, wait, log',
  description: 'Raises a ticket, waits, then logs 10 minutes.',
  input: ticketInput.extend({ seconds: z.number().min(0).max(30).default(20) }),
  steps: [
    {
      id: 'ticket',
      tool: 'create_ticket',
      arguments: { type: 'service_request', summary: '{{ input.summary }}', details: 'drill' },
    },
    { id: 'wait', tool: 'wait_for_cancel', arguments: { seconds: '{{ input.seconds }}' } },
    {
      id: 'log_work',
      tool: 'log_time',
      arguments: { ticketId: '{{ steps.ticket.result.id }}', minutes: 10 },
    },
  ],
});
