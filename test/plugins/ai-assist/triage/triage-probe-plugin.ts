import { sql } from 'kysely';
import { z } from 'zod';
import { definePlugin, defineTool, type PluginDefinition } from '../../../../core/index.js';
import { ticketTriageRef } from '../../../../plugins/ai-assist/api.js';
import { deskStoreRef } from '../../../../plugins/desk/api.js';

/** A knowledge-base article the probe turns into a draft: the best match for a VPN ticket. */
export const draftSlug = 'vpn-keeps-dropping';

/**
 * What a ticket-logging plugin does with the triage service: `log_and_triage` logs a ticket as
 * the caller (an end user, in the tests) and has it routed, returning the triage outcome as is.
 * It also turns one VPN article into a draft, which triage must never return.
 */
export function triageProbePlugin(): PluginDefinition {
  return definePlugin({
    id: 'triage-probe',
    version: '0.0.0',
    requires: ['desk', 'ai-assist'],
    async setup(ctx) {
      await sql`update desk_kb_articles set published = 0 where slug = ${draftSlug}`.execute(
        ctx.db,
      );
      const desk = ctx.services.get(deskStoreRef);
      const triage = ctx.services.get(ticketTriageRef);
      ctx.addTool(
        defineTool({
          name: 'log_and_triage',
          title: 'Log a ticket and route it',
          description: 'Test probe: logs an incident and lets ai-assist route it.',
          input: z.object({
            summary: z.string(),
            details: z.string(),
            fields: z.array(z.enum(['team', 'category', 'priority'])),
          }),
          output: z.object({
            ticketId: z.number(),
            // Strict, so a key triage should not return fails the call instead of being dropped.
            outcome: z.strictObject({
              applied: z.array(
                z.strictObject({
                  field: z.string(),
                  value: z.union([z.string(), z.number()]),
                  confidence: z.number().optional(),
                }),
              ),
              similarResolved: z.number().optional(),
              articles: z.array(
                z.strictObject({
                  id: z.number(),
                  slug: z.string(),
                  title: z.string(),
                  score: z.number(),
                }),
              ),
            }),
          }),
          scopes: ['tickets:write:own'],
          annotations: { readOnlyHint: false, openWorldHint: false },
          summarize: (out) => `ticket ${out.ticketId}: ${JSON.stringify(out.outcome)}`,
          handler: async ({ input, principal }) => {
            const ticket = await desk.tickets.create(principal, {
              type: 'incident',
              summary: input.summary,
              details: input.details,
              customFields: { affected_service: 'VPN and Remote Access' },
            });
            const outcome = await triage.triageNewTicket(principal, ticket.id, {
              fields: input.fields,
            });
            return {
              ticketId: ticket.id,
              outcome: {
                ...outcome,
                applied: [...outcome.applied],
                articles: [...outcome.articles],
              },
            };
          },
        }),
      );
    },
  });
}
