import type { DemoTeamKey } from './demo-directory.js';
import type { DemoTicketTypeKey } from './demo-desk-settings.js';

/**
 * One kind of ticket the generator writes. Texts may hold `{site}`, `{asset}`, `{when}` and
 * `{colleague}`, filled per ticket; the resolution is the public note that closed such tickets,
 * so similar tickets share summaries, category, team and fix.
 */
export interface TicketTemplate {
  readonly type: DemoTicketTypeKey;
  readonly category: string;
  readonly team: DemoTeamKey;
  /** The service key the ticket concerns (affected_service / catalogue service). */
  readonly service: string;
  /** Picked uniformly, so repeat a priority to weight it. */
  readonly priorities: readonly number[];
  readonly summaries: readonly string[];
  readonly details: readonly string[];
  readonly resolutions: readonly string[];
  /** The knowledge-base article a resolution may point to. */
  readonly kb?: string;
  readonly catalogueItem?: string;
}
