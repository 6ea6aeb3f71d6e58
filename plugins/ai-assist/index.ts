import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import {
  defaultNeighbours,
  defaultThreshold,
  defaultTypeFieldThreshold,
} from './scoring/suggestion-fields.js';
import { evalCommand } from './eval/eval-command.js';
import { applySuggestionsTool } from './tools/apply-suggestions-tool.js';
import { deskStoreRef } from '../desk/api.js';
import { fieldModelsRef, ticketTriageRef } from './api.js';
import { matchingTool } from './tools/matching-tool.js';
import { createTicketTriage } from './triage/ticket-triage.js';
import { createFieldModels, defaultMaxTrainingTickets } from './model/field-models.js';

// The public API, for configs and examples; other plugins import plugins/ai-assist/api.ts.
export * from './api.js';

/** Options of {@link aiAssistPlugin}. */
export interface AiAssistPluginOptions {
  /** How many of the most similar resolved tickets vote on a suggestion, 1–100 (10). */
  readonly neighbours?: number;
  /** The confidence (0–1) a suggestion needs when the caller names no threshold (0.85). */
  readonly threshold?: number;
  /**
   * The share of the similar tickets' vote a ticket type's required choice needs before triage
   * fills it in (0.6).
   */
  readonly typeFieldThreshold?: number;
  /**
   * The newest resolved and closed tickets the learned models train on, at most (50,000): bounds
   * training time and memory on a large desk. 0 turns the models off (the vote alone).
   */
  readonly maxTrainingTickets?: number;
  /** Minutes between checks for new resolutions to retrain on (30; 0: train once at start). */
  readonly retrainMinutes?: number;
}

function wholeNumberOption(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `aiAssistPlugin: ${name} must be a whole number from 0 to ${max}, got ${value}`,
    );
  }
  return value;
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
  const typeFieldThreshold = options.typeFieldThreshold ?? defaultTypeFieldThreshold;
  for (const [name, value] of [
    ['threshold', threshold],
    ['typeFieldThreshold', typeFieldThreshold],
  ] as const) {
    if (!(value >= 0 && value <= 1)) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `aiAssistPlugin: ${name} must be from 0 to 1, got ${value}`,
      );
    }
  }
  const maxTrainingTickets = wholeNumberOption(
    'maxTrainingTickets',
    options.maxTrainingTickets ?? defaultMaxTrainingTickets,
    1_000_000,
  );
  const retrainMinutes = wholeNumberOption('retrainMinutes', options.retrainMinutes ?? 30, 10_080);
  return definePlugin({
    id: 'ai-assist',
    version: '0.1.0',
    description:
      'Similar tickets, matching articles and AI triage suggestions from the desk history.',
    requires: ['desk'],
    commands: [evalCommand],
    setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      // Commands (eval, seed…) never train: they would read the whole history for nothing.
      const models =
        ctx.purpose === 'serve' && maxTrainingTickets > 0
          ? createFieldModels(desk, {
              maxTickets: maxTrainingTickets,
              refreshMinutes: retrainMinutes,
              log: ctx.log,
            })
          : undefined;
      ctx.addTool(matchingTool(desk));
      ctx.addTool(applySuggestionsTool(desk, { neighbours, threshold, models }));
      ctx.provide(
        ticketTriageRef,
        createTicketTriage(desk, { neighbours, threshold, typeFieldThreshold, models }),
      );
      if (models !== undefined) ctx.provide(fieldModelsRef, models);
      models?.start();
      return { close: () => models?.stop() };
    },
  });
}
