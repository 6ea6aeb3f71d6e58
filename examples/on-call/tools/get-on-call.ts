import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { shiftAt } from '../on-call-shift.js';
import type { OnCallTables } from '../schema.js';

/**
 * `get_on_call`: who is on call for a desk team now, or at a given time (staff only: the rota
 * names engineers).
 *
 * @example
 * definePlugin({ id: 'on-call', version: '0.1.0', tools: [getOnCallTool] });
 */
export const getOnCallTool = defineTool({
  name: 'get_on_call',
  title: 'Who is on call',
  description:
    'Tells who is on call for a desk team (by team key, e.g. "network") now or at a given time, ' +
    'and until when. Use it before paging someone.',
  input: z.object({
    team: z.string().trim().min(1).max(64).describe('The desk team key, e.g. "network"'),
    at: z.iso
      .datetime()
      .optional()
      .describe('An ISO 8601 time, e.g. "2026-12-05T02:00:00Z"; now when left out'),
  }),
  output: z.object({
    team: z.string(),
    engineer: z.string().describe("The on-call engineer's e-mail"),
    until: z.string().describe('When the shift ends, ISO 8601'),
  }),
  scopes: ['oncall:read:all'],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  summarize: (shift) => `${shift.engineer} is on call for ${shift.team} until ${shift.until}.`,
  handler: async ({ input, db }) => {
    const at = input.at ?? new Date().toISOString();
    const shift = await shiftAt(db.withTables<OnCallTables>(), { team: input.team, at });
    if (!shift) {
      throw new ToolError(
        `nobody is on call for team "${input.team}" at ${at}; check the team key (search_tickets shows teams) or ask the desk lead`,
      );
    }
    return shift;
  },
});
