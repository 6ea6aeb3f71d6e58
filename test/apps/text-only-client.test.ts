import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  agentFunctionTools,
  customAgentTools,
} from '../../examples/servicedesk/servicedesk.config.js';
import { callOk, useAppsDesk, unwrapUntrusted } from './support/apps-desk.js';

// Issue 21: "A text-only client still gets today's text and structured content". The same calls
// through a client without the MCP Apps extension and through one with it: the text and the
// structured content are the same, only `_meta` differs, and the model's tool list is unchanged.
/** A value with what the clock moves between two calls (minutes and days left, ages) taken out. */
function withoutClock(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      ['minutes_remaining', 'oldest_age_days'].includes(key) ? undefined : v,
    ).replace(/\(\d+ min left\)/g, '(… min left)'),
  );
}

describe('a client without MCP Apps after the views (example desk, SQLite)', () => {
  const desk = useAppsDesk();
  let ticketId: number;
  const summary = 'Monitor flickers after docking';

  beforeAll(async () => {
    const created = await callOk<{ id: number }>(desk.aliceText, 'create_ticket', {
      summary,
      details: 'Since Monday the external monitor flickers.',
      customFields: { affected_service: 'Managed Laptops' },
    });
    ticketId = created.id;
  });

  it('still lists every tool of Agent Functions to the model', async () => {
    const { tools } = await desk.samText.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [...agentFunctionTools, ...customAgentTools].sort(),
    );
  });

  it('gets get_ticket as text naming the ticket and its summary, with the structured ticket', async () => {
    const result = (await desk.samText.callTool({
      name: 'get_ticket',
      arguments: { ticketId },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    expect(text).toContain(`Ticket #${ticketId}`);
    expect(text).toContain(summary);
    const { ticket } = result.structuredContent as { ticket: { id: number; summary: string } };
    expect(ticket.id).toBe(ticketId);
    expect(unwrapUntrusted(ticket.summary)).toBe(summary);
  });

  it.each([
    ['get_ticket', () => ({ ticketId })],
    ['get_assigned_tickets', () => ({})],
    ['search_tickets', () => ({ limit: 5 })],
    ['get_report_open_tickets_by_team_priority', () => ({})],
  ] as const)(
    'gets the same content and structured content from %s as a host with MCP Apps',
    async (name, args) => {
      const plain = (await desk.samText.callTool({ name, arguments: args() })) as CallToolResult;
      const apps = (await desk.sam.callTool({ name, arguments: args() })) as CallToolResult;
      expect(plain.isError).toBeFalsy();
      expect(plain.structuredContent).toBeDefined();
      expect(withoutClock(apps.structuredContent)).toEqual(withoutClock(plain.structuredContent));
      expect(withoutClock(apps.content)).toEqual(withoutClock(plain.content));
    },
  );
});
