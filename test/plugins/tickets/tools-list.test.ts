import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startTicketsServer } from './tickets-fixture.js';

const allTools = [
  'action_ticket',
  'add_note',
  'assign_to_me',
  'create_ticket',
  'get_assigned_tickets',
  'get_my_tickets',
  'get_ticket',
  'log_time',
  'search_tickets',
  'update_ticket',
];

describe.each(testEngines)('tickets tools/list on $engine', (engine) => {
  let t: TestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, close } = await startTicketsServer(engine));
  });
  afterAll(async () => close?.());

  it('lists every tool to an agent with title, description, schemas and annotations', async () => {
    const { tools } = await t.clients['agent']!.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(allTools);
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/\w{3}/);
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.annotations?.openWorldHint, tool.name).toBe(false);
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
      if (tool.annotations?.readOnlyHint === false) {
        expect(tool.annotations.destructiveHint, tool.name).toBe(false);
        expect(typeof tool.annotations.idempotentHint, tool.name).toBe('boolean');
      }
    }
    const readOnly = tools.filter((tool) => tool.annotations?.readOnlyHint).map((t) => t.name);
    expect(readOnly.sort()).toEqual([
      'get_assigned_tickets',
      'get_my_tickets',
      'get_ticket',
      'search_tickets',
    ]);
  });

  it('lists to an end user only the tools their :own scopes reach', async () => {
    const { tools } = await t.clients['user']!.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'add_note',
      'create_ticket',
      'get_my_tickets',
      'get_ticket',
      'search_tickets',
      'update_ticket',
    ]);
  });
});
