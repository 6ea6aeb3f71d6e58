import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { defineTool, ToolError } from '../../../../core/index.js';
import type { FixtureProbe } from './fixture-probe.js';

/** A secret-looking message a crashing tool throws; it must never reach the client. */
export const leakyFailure =
  'SQLITE_ERROR: SELECT password_hash FROM users WHERE id = 7 -- near "FROM": syntax error';

const ticketOutput = z.object({ id: z.number(), title: z.string(), priority: z.number() });

/** One tool for each path through `tools/call`. */
export function fixtureTools(probe: FixtureProbe) {
  return [
    defineTool({
      name: 'read_my_tickets',
      title: 'Read my tickets',
      description: 'Lists the caller’s own tickets.',
      input: z.object({}),
      output: z.object({ tickets: z.array(ticketOutput) }),
      scopes: ['tickets:read:own'],
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      summarize: (out) => `${out.tickets.length} ticket(s)`,
      handler: () => ({ tickets: [{ id: 1, title: 'VPN drops', priority: 2 }] }),
    }),
    defineTool({
      name: 'read_all_tickets',
      title: 'Read every ticket',
      description: 'Lists every ticket in the desk.',
      input: z.object({}),
      output: z.object({ tickets: z.array(ticketOutput) }),
      scopes: ['tickets:read:all'],
      annotations: { readOnlyHint: true, openWorldHint: false },
      handler: () => ({ tickets: [] }),
    }),
    defineTool({
      name: 'update_ticket',
      title: 'Update a ticket',
      description: 'Changes a ticket’s priority, status and details.',
      input: z.object({
        id: z.number().int(),
        priority: z.number().int().min(1).max(4),
        status: z.enum(['open', 'pending', 'closed']),
        details: z.object({ category: z.string(), tags: z.array(z.string()).optional() }),
      }),
      output: ticketOutput.extend({ status: z.string(), category: z.string() }),
      scopes: ['tickets:write:all'],
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      },
      summarize: (out) => `ticket ${out.id} is now P${out.priority} ${out.status}`,
      handler: ({ input }) => ({
        id: input.id,
        title: 'VPN drops',
        priority: input.priority,
        status: input.status,
        category: input.details.category,
      }),
    }),
    defineTool({
      name: 'search_kb',
      title: 'Search the knowledge base',
      description: 'Finds articles.',
      input: z.object({ query: z.string() }),
      scopes: ['kb:read'],
      annotations: { readOnlyHint: true, openWorldHint: true },
      handler: ({ input }) => `no articles match "${input.query}"`,
    }),
    defineTool({
      name: 'bad_output',
      title: 'Breaks its own output schema',
      description: 'Returns a value that does not match its output schema.',
      input: z.object({}),
      output: z.object({ count: z.number() }),
      scopes: ['tickets:read:own'],
      // Deliberately wrong: the core must catch it.
      handler: () => ({ count: 'many' }) as unknown as { count: number },
    }),
    defineTool({
      name: 'refuse',
      title: 'Fails with advice',
      description: 'Throws a ToolError.',
      input: z.object({}),
      scopes: ['tickets:read:own'],
      handler: () => {
        throw new ToolError('ticket 4821 is closed; reopen it with action_ticket first');
      },
    }),
    defineTool({
      name: 'crash',
      title: 'Crashes',
      description: 'Throws a plain Error carrying SQL.',
      input: z.object({}),
      scopes: ['tickets:read:own'],
      handler: () => {
        throw new Error(leakyFailure);
      },
    }),
    defineTool({
      name: 'count_up',
      title: 'Counts with progress',
      description: 'Reports progress for each step, then returns.',
      input: z.object({ steps: z.number().int().min(1).max(10) }),
      scopes: ['tickets:read:own'],
      handler: async ({ input, progress }) => {
        for (let step = 1; step <= input.steps; step++)
          await progress(step, input.steps, `step ${step}`);
        return `counted to ${input.steps}`;
      },
    }),
    defineTool({
      name: 'chatty',
      title: 'Logs at every level',
      description: 'Writes one log line at each level.',
      input: z.object({}),
      scopes: ['tickets:read:own'],
      // Returns at once: lines logged just before the result must still reach the client.
      handler: ({ log }) => {
        log.debug('debug line');
        log.info('info line', { ticket: 42 });
        log.warning('warning line');
        log.error('error line');
        return 'logged';
      },
    }),
    defineTool({
      name: 'wait_for_abort',
      title: 'Waits until cancelled',
      description: 'Blocks until its signal aborts.',
      input: z.object({ key: z.string() }),
      scopes: ['tickets:read:own'],
      handler: async ({ input, signal }) => {
        probe.started.add(input.key);
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        probe.aborted.add(input.key);
        return 'aborted';
      },
    }),
    defineTool({
      name: 'slow',
      title: 'Waits for the test',
      description: 'Returns once the test releases its gate.',
      input: z.object({ key: z.string() }),
      scopes: ['tickets:read:own'],
      handler: async ({ input }) => {
        probe.started.add(input.key);
        await probe.gate(input.key);
        probe.finished.add(input.key);
        return `done ${input.key}`;
      },
    }),
    defineTool({
      name: 'echo_caller',
      title: 'Echoes the caller',
      description: 'Returns the caller and the tag it was sent, after a short random pause.',
      input: z.object({ tag: z.string() }),
      output: z.object({ userId: z.string(), tag: z.string() }),
      scopes: ['tickets:read:own'],
      handler: async ({ input, principal }) => {
        await delay(Math.floor(Math.random() * 5));
        return { userId: principal.userId, tag: input.tag };
      },
    }),
    defineTool({
      name: 'ask_user',
      title: 'Asks the user',
      description: 'Asks the user to confirm through elicitation.',
      input: z.object({ question: z.string() }),
      scopes: ['tickets:read:own'],
      handler: async ({ input, elicit }) => {
        if (!elicit) return 'elicitation is not available';
        const answer = await elicit({
          message: input.question,
          requestedSchema: {
            type: 'object',
            properties: { confirm: { type: 'boolean', title: 'Confirm' } },
            required: ['confirm'],
          },
        });
        return `${answer.action}: ${JSON.stringify(answer.content ?? {})}`;
      },
    }),
  ];
}
