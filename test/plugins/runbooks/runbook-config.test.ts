import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCollection, ServiceDeskError } from '../../../core/index.js';
import { agentGrant } from '../../../examples/servicedesk/servicedesk.config.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { knowledgePlugin } from '../../../plugins/knowledge/index.js';
import {
  defineRunbook,
  runbooksPlugin,
  type RunbookSpec,
  type RunbookTables,
} from '../../../plugins/runbooks/index.js';
import { ticketsPlugin } from '../../../plugins/tickets/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { raiseAndResolve } from '../../../examples/servicedesk/runbooks.js';
import { startRunbooksServer } from './runbooks-fixture.js';

const base: RunbookSpec = {
  id: 'triage',
  title: 'Triage',
  description: 'Raises a ticket and logs time.',
  input: z.object({ summary: z.string() }),
  steps: [
    {
      id: 'ticket',
      tool: 'create_ticket',
      arguments: { summary: '{{ input.summary }}', details: 'x' },
    },
    {
      id: 'log_work',
      tool: 'log_time',
      arguments: { ticketId: '{{ steps.ticket.result.id }}', minutes: 5 },
    },
  ],
};

function configError(spec: Partial<RunbookSpec>, more: RunbookSpec[] = []): ServiceDeskError {
  try {
    runbooksPlugin({ runbooks: [defineRunbook({ ...base, ...spec }), ...more.map(defineRunbook)] });
  } catch (error) {
    if (error instanceof ServiceDeskError) return error;
    throw error;
  }
  throw new Error('expected runbooksPlugin to refuse the runbook');
}

describe('runbook definitions are checked when the plugin is built', () => {
  it('accepts a good runbook', () => {
    expect(runbooksPlugin({ runbooks: [defineRunbook(base), raiseAndResolve] }).id).toBe(
      'runbooks',
    );
  });

  const withStep = (index: number, change: object) => ({
    steps: base.steps.map((step, i) => (i === index ? { ...step, ...change } : step)),
  });
  it.each<[string, Partial<RunbookSpec>, RegExp]>([
    [
      'a non-snake_case id',
      { id: 'Triage-Now' },
      /runbook "Triage-Now": the id must be snake_case/,
    ],
    ['an id too long for a tool name', { id: 'a'.repeat(61) }, /longer than 64 characters/],
    ['no description', { description: ' ' }, /give it a title and a description/],
    ['no steps', { steps: [] }, /at least one step/],
    [
      'an input field named mode',
      { input: z.object({ mode: z.string() }) },
      /must not have a field "mode"/,
    ],
    [
      'a scope of another plugin',
      { scopes: ['tickets:write:all'] },
      /scope "tickets:write:all" must start with "runbooks:"/,
    ],
    [
      'a secret that is not an input field',
      { secretArguments: ['password'] },
      /secretArguments names "password"/,
    ],
    ['a bad default mode', { mode: 'later' as 'await' }, /mode is "later"/],
    [
      'a duplicate step id',
      withStep(1, { id: 'ticket' }),
      /step "ticket": step ids must be unique/,
    ],
    [
      'a step id that is not snake_case',
      withStep(1, { id: 'log-work' }),
      /step "log-work": the step id must be snake_case/,
    ],
    ['a bad onError', withStep(1, { onError: 'retry' }), /step "log_work": onError is "retry"/],
    [
      'an unknown input field',
      withStep(0, { arguments: { summary: '{{ input.title }}' } }),
      /step "ticket": argument "summary" refers to "input.title" names no field of the runbook's input \(summary\)/,
    ],
    [
      'a later step',
      withStep(0, { arguments: { summary: '{{ steps.log_work.result.entry.id }}' } }),
      /step "ticket": argument "summary" refers to "steps.log_work.result.entry.id" names no earlier step \(earlier steps: none\)/,
    ],
    [
      'its own step',
      withStep(1, { arguments: { ticketId: '{{ steps.log_work.result }}' } }),
      /names no earlier step \(earlier steps: ticket\)/,
    ],
    [
      'a step without result, text or status',
      withStep(1, { arguments: { ticketId: '{{ steps.ticket.id }}' } }),
      /must go on with .result, .text or .status/,
    ],
    [
      'another root',
      withStep(0, { arguments: { summary: '{{ process.env.HOME }}' } }),
      /"process.env.HOME" starts with "process"/,
    ],
    [
      'code in a placeholder',
      withStep(0, { arguments: { summary: '{{ input.summary.toUpperCase() }}' } }),
      /is not a path/,
    ],
    [
      'a nested argument',
      withStep(0, { arguments: { summary: 'x', customFields: { a: '{{ input.nope }}' } } }),
      /argument "customFields.a" refers to "input.nope"/,
    ],
    [
      'a malformed condition',
      withStep(1, { when: { exists: 'steps.ticket.result', equals: ['a', 1] } }),
      /when: a condition must have exactly one of exists, equals, not, all, any/,
    ],
    [
      'a condition on a later step',
      withStep(0, { when: { not: { exists: 'steps.log_work.status' } } }),
      /when refers to "steps.log_work.status" names no earlier step/,
    ],
    [
      'arguments that are not an object',
      withStep(0, { arguments: ['x'] }),
      /arguments must be an object/,
    ],
    [
      'a bad tool name',
      withStep(0, { tool: 'create ticket' }),
      /tool "create ticket" must be a tool name/,
    ],
  ])(
    'refuses %s with CONFIG_INVALID naming the plugin, runbook, step and rule',
    (_, spec, message) => {
      const error = configError(spec);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toMatch(/^CONFIG_INVALID: plugin "runbooks": runbook "/);
      expect(error.message).toMatch(message);
    },
  );

  it('refuses two runbooks with one id', () => {
    const error = configError({}, [base]);
    expect(error.message).toBe(
      'CONFIG_INVALID: plugin "runbooks": runbook "triage" is listed twice; runbook ids must be unique',
    );
  });
});

describe('a collection must offer the tools its runbooks call', () => {
  const plugins = [
    deskPlugin({ demoData: 'never' }),
    ticketsPlugin(),
    knowledgePlugin(),
    runbooksPlugin({ runbooks: [raiseAndResolve] }),
  ];
  const grant = [...agentGrant, 'runbooks:run', 'runbooks:read:own'];

  it('refuses to start when a step tool’s plugin is not listed', async () => {
    const error = await expectStartupError(
      {
        plugins,
        collections: [
          defineCollection({
            id: 'agent',
            title: 'Agent',
            plugins: ['tickets', 'runbooks'],
            grant: grant.filter((s) => s !== 'kb:read' && s !== 'catalogue:read'),
          }),
        ],
      },
      'COLLECTION_MISSING_TOOL',
    );
    expect(error.message).toMatch(
      /tool "run_raise_and_resolve" of plugin "runbooks", which calls "search_knowledge_base"/,
    );
  });

  it('refuses to start when the collection leaves a step tool out of its tools', async () => {
    const error = await expectStartupError(
      {
        plugins,
        collections: [
          defineCollection({
            id: 'agent',
            title: 'Agent',
            plugins: ['tickets', 'knowledge', 'runbooks'],
            tools: ['create_ticket', 'search_knowledge_base', 'log_time', 'run_raise_and_resolve'],
            grant,
          }),
        ],
      },
      'COLLECTION_MISSING_TOOL',
    );
    expect(error.message).toMatch(/which calls "add_note"/);
  });
});

describe.each(testEngines)('a background run at shutdown on $engine', (engine) => {
  it('is stored as interrupted, its current step cancelled and the rest not run', async () => {
    const s = await startRunbooksServer(engine);
    try {
      const { out } = await call(s.sam, 'run_slow_drill', {
        summary: 'Shutdown drill',
        seconds: 2,
        mode: 'start',
      });
      const runId = (out as { runId: string }).runId;
      // Wait until the slow step is under way, then stop the server.
      for (let i = 0; i < 200; i++) {
        const { out: now } = await call(s.sam, 'get_runbook_run', { runId });
        if ((now as { steps: { status: string }[] }).steps[1]!.status === 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await s.t.close();
      const stored = await s.read(async (db) => {
        const tables = db.withTables<RunbookTables>();
        return {
          run: await tables
            .selectFrom('runbook_runs')
            .select('status')
            .where('id', '=', runId)
            .executeTakeFirst(),
          steps: await tables
            .selectFrom('runbook_steps')
            .select(['step_id', 'status', 'error'])
            .where('run_id', '=', runId)
            .orderBy('position')
            .execute(),
        };
      });
      expect(stored.run?.status).toBe('interrupted');
      expect(stored.steps).toEqual([
        { step_id: 'ticket', status: 'ok', error: null },
        {
          step_id: 'wait',
          status: 'cancelled',
          error: 'the server shut down while the run was in progress',
        },
        { step_id: 'log_work', status: 'not_run', error: null },
      ]);
    } finally {
      await s.database.drop();
    }
  });
});
