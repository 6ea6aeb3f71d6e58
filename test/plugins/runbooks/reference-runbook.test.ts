import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskTables } from '../../../plugins/desk/index.js';
import type { RunbookTables } from '../../../plugins/runbooks/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

// Issue 6 point 5: a runbook that raises a ticket, searches the KB, adds the best article as a
// note and logs 45 minutes, run through the SDK client with its progress observed.
describe.each(testEngines)('the reference runbook on $engine', (engine) => {
  let s: RunbooksServer;
  beforeAll(async () => {
    s = await startRunbooksServer(engine);
  });
  afterAll(() => s.close());

  it('is listed with its own input schema and mode', async () => {
    const { tools } = await s.sam.listTools();
    const tool = tools.find((t) => t.name === 'run_raise_and_resolve');
    expect(tool?.title).toBe('Raise a ticket and resolve it from the knowledge base');
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual([
      'summary',
      'details',
      'service',
      'requester',
      'mode',
    ]);
    expect(tool?.inputSchema.required).toEqual(['summary', 'details', 'service']);
    expect(tool?.outputSchema?.properties).toHaveProperty('steps');
    expect(tools.map((t) => t.name)).toContain('get_runbook_run');
  });

  it('raises, searches, notes the best article and logs 45 minutes, with progress per step', async () => {
    const progress: Progress[] = [];
    const result = await s.sam.callTool(
      {
        name: 'run_raise_and_resolve',
        arguments: {
          summary: 'VPN keeps dropping every few minutes',
          details: 'Since this morning the VPN disconnects every five minutes.',
          requester: 'alice@example.com',
          service: 'VPN and Remote Access',
        },
      },
      undefined,
      { onprogress: (p) => progress.push(p) },
    );
    expect(result.isError).toBeFalsy();
    const run = result.structuredContent as {
      runId: string;
      status: string;
      steps: { id: string; status: string; result?: Record<string, unknown> }[];
    };
    expect(run.status).toBe('completed');
    expect(run.steps.map((step) => [step.id, step.status])).toEqual([
      ['ticket', 'ok'],
      ['find_article', 'ok'],
      ['note_article', 'ok'],
      ['log_work', 'ok'],
    ]);

    // One notification as each step starts, then one at the end; always increasing.
    const messages = progress.map((p) => p.message ?? '');
    for (const [i, title] of [
      'Raise the ticket (create_ticket)',
      'Search the knowledge base (search_knowledge_base)',
      'Note the best article (add_note)',
      'Log 45 minutes (log_time)',
    ].entries()) {
      expect(messages).toContain(`Step ${i + 1} of 4: ${title}`);
    }
    expect(messages.at(-1)).toBe('Runbook raise_and_resolve finished: completed');
    expect(progress.every((p) => p.total === 4)).toBe(true);
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);

    const ticketId = run.steps[0]!.result!['id'] as number;
    const best = (run.steps[1]!.result!['articles'] as { id: number; title: string }[])[0]!;
    expect(best.title).toMatch(/VPN/);
    const stored = await s.read(async (db) => {
      const desk = db.withTables<DeskTables>();
      return {
        ticket: await desk
          .selectFrom('desk_tickets')
          .innerJoin('desk_users', 'desk_users.id', 'desk_tickets.requester_id')
          .select(['desk_tickets.summary', 'desk_users.email'])
          .where('desk_tickets.id', '=', ticketId)
          .executeTakeFirst(),
        notes: await desk
          .selectFrom('desk_notes')
          .select(['body', 'visibility'])
          .where('ticket_id', '=', ticketId)
          .execute(),
        time: await desk
          .selectFrom('desk_time_entries')
          .select('minutes')
          .where('ticket_id', '=', ticketId)
          .execute(),
        run: await db
          .withTables<RunbookTables>()
          .selectFrom('runbook_runs')
          .select(['status', 'user_id', 'collection_id', 'input', 'finished_at'])
          .where('id', '=', run.runId)
          .executeTakeFirst(),
        steps: await db
          .withTables<RunbookTables>()
          .selectFrom('runbook_steps')
          .select(['step_id', 'status', 'arguments'])
          .where('run_id', '=', run.runId)
          .orderBy('position')
          .execute(),
      };
    });
    expect(stored.ticket).toEqual({
      summary: 'VPN keeps dropping every few minutes',
      email: 'alice@example.com',
    });
    expect(stored.notes).toEqual([
      {
        visibility: 'private',
        body: expect.stringContaining(`"${best.title}" (article ${best.id}, kb/`) as string,
      },
    ]);
    expect(stored.time).toEqual([{ minutes: 45 }]);
    expect(stored.run).toMatchObject({
      status: 'completed',
      user_id: 'sam@helpdesk.example',
      collection_id: 'agent',
    });
    expect(stored.run?.finished_at).not.toBeNull();
    expect(JSON.parse(stored.run!.input)).toMatchObject({ requester: 'alice@example.com' });
    // The arguments as the step called its tool: templates filled, types kept.
    expect(JSON.parse(stored.steps[3]!.arguments!)).toEqual({
      ticketId,
      minutes: 45,
      note: 'Raised and resolved from the knowledge base (runbook raise_and_resolve)',
    });
  });

  it('skips the note when no article matches', async () => {
    const result = await s.sam.callTool({
      name: 'run_raise_and_resolve',
      arguments: {
        summary: 'zzqx frobnicator quuxes',
        details: 'Nothing the KB knows.',
        service: 'Managed Printing',
      },
    });
    const run = result.structuredContent as { status: string; steps: { status: string }[] };
    expect(run.status).toBe('completed');
    expect(run.steps.map((step) => step.status)).toEqual(['ok', 'ok', 'skipped', 'ok']);
  });
});
