import { describe, expect, it } from 'vitest';
import { defineCollection } from '../../../core/index.js';
import config from '../../../examples/servicedesk/servicedesk.config.js';
import { call } from '../../helpers/call-tool.js';
import { exampleDeskPlugins, useExampleDesk } from '../../helpers/example-desk.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines } from '../../helpers/test-databases.js';

/**
 * Issue 16, item 3: a required choice of the ticket's type that the caller left out is filled by
 * AI triage when it is confident — here from similar resolved incidents, since "mapped drives
 * show a red cross" names no service — and otherwise every missing field comes back in one answer.
 */
describe.each(testEngines)('type fields filled by AI triage, on $engine', (engine) => {
  const desk = useExampleDesk(engine, { demoTickets: 400 });
  const drives = {
    summary: 'Mapped drives show a red cross',
    details: 'The shared S: drive has a red cross this morning and says it is unavailable.',
    priority: 3,
  };

  it("an end user's incident gets the service similar resolved incidents agree on", async () => {
    const created = await call(desk.alice, 'create_ticket', drives);
    expect(created.isError).toBe(false);
    const out = created.out as {
      type: string;
      custom_fields: Record<string, unknown>;
      triage: { applied: { field: string; value: unknown; confidence?: number }[] };
    };
    expect(out.type).toBe('incident');
    expect(out.custom_fields['affected_service']).toBe('VPN and Remote Access');
    // The end user learns the value, not how confidently other people's tickets voted.
    expect(out.triage.applied[0]).toEqual({
      field: 'customFields.affected_service',
      value: 'VPN and Remote Access',
    });
  });

  it("an agent sees the vote's confidence; what the agent gives is never overridden", async () => {
    const voted = await call(desk.sam, 'create_ticket', { type: 'incident', ...drives });
    const applied = (voted.out as { triage: { applied: { field: string; confidence?: number }[] } })
      .triage.applied[0]!;
    expect(applied.field).toBe('customFields.affected_service');
    expect(applied.confidence).toBeGreaterThanOrEqual(0.6);
    const given = await call(desk.sam, 'create_ticket', {
      type: 'incident',
      ...drives,
      customFields: { affected_service: 'Backup and Recovery' },
    });
    expect(given.out).toMatchObject({
      custom_fields: { affected_service: 'Backup and Recovery' },
    });
  });

  it('a type field nothing points to comes back with every missing field at once', async () => {
    const refused = await call(desk.sam, 'create_ticket', {
      type: 'change',
      summary: 'Move the core switch',
      details: 'Planned for next week.',
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/required: change_window \(Change window\): a string/);
    expect(refused.text).toMatch(/required: rollback_plan \(Rollback plan\): a string/);
  });
});

describe('a collection default type the desk does not have', () => {
  it('stops startup naming the collection, the setting and the known types', async () => {
    const error = await expectStartupError(
      {
        ...config,
        auth: {},
        plugins: exampleDeskPlugins(0),
        collections: config.collections.map((c) =>
          c.id === 'user'
            ? defineCollection({ ...c, settings: { tickets: { defaultType: 'incidnet' } } })
            : c,
        ),
      },
      'CONFIG_INVALID',
    );
    expect(error.message).toContain(
      'plugin "tickets": collection "user" settings.tickets.defaultType is "incidnet", which the desk does not have; known types: ',
    );
    expect(error.message).toContain('incident');
  });
});
