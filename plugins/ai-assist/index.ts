import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { defaultNeighbours, defaultThreshold } from './scoring/suggestion-fields.js';
import { evalCommand } from './eval/eval-command.js';
import { applySuggestionsTool } from './tools/apply-suggestions-tool.js';
import { deskStoreRef } from '../desk/api.js';
import { ticketTriageRef } from './api.js';
import { matchingTool } from './tools/matching-tool.js';
import { createTicketTriage } from './triage/ticket-triage.js';

// The public API, for configs and examples; other plugins import plugins/ai-assist/api.ts.
export * from './api.js';

/** Options of {@link aiAssistPlugin}. */
export interface AiAssistPluginOptions {
  /** How many of the most similar resolved tickets vote on a suggestion, 1–100 (10). */
  readonly neighbours?: number;
  /** The confidence (0–1) a suggestion needs when the caller names no threshold (0.6). */
  readonly threshold?: number;
}

/**
 * AI matching and suggestions built on the desk's own search and history, with no external
 * service: `get_matching_articles_and_tickets`, `apply_ai_suggestions`, and the
 * `eval suggestions|retrieval|export` command that measures the same code.
 * Provides the triage service `ticketTriageRef` ({@link TicketTriage}, in plugins/ai-assist/api.ts) that routes a ticket just created
 * through another plugin's tool.
 *
 * @example
 * defineConfig({ plugins: [deskPlugin(), aiAssistPlugin({ threshold: 0.7 })], collections: [...] })
 */
export function aiAssistPlugin(options: AiAssistPluginOptions = {}): PluginDefinition {
  const neighbours = options.neighbours ?? defaultNeighbours;
  const threshold = options.threshold ?? defaultThreshold;
  if (!Number.isInteger(neighbours) || neighbours < 1 || neighbours > 100) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `aiAssistPlugin: neighbours must be a whole number from 1 to 100, got ${neighbours}`,
    );
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `aiAssistPlugin: threshold must be from 0 to 1, got ${threshold}`,
    );
  }
  return definePlugin({
    id: 'ai-assist',
    version: '0.1.0',
    description:
      'Similar tickets, matching articles and AI triage suggestions from the desk history.',
    requires: ['desk'],
    commands: [evalCommand],
    setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      ctx.addTool(matchingTool(desk));
      ctx.addTool(applySuggestionsTool(desk, { neighbours, threshold }));
      ctx.provide(ticketTriageRef, createTicketTriage(desk, { neighbours, threshold }));
    },
  });
}
