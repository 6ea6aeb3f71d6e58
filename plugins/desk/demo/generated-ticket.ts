import type { NoteVisibility, TicketStatus } from '../schema/tables.js';
import type { DemoTeamKey } from './demo-directory.js';
import type { DemoTicketTypeKey } from './demo-desk-settings.js';

/** A note of a generated ticket; the author is named by e-mail, resolved to an id when seeding. */
export interface GeneratedNote {
  readonly authorEmail: string;
  readonly body: string;
  readonly visibility: NoteVisibility;
  readonly createdAt: string;
}

/**
 * One generated ticket as plain data. References are natural keys (type key, team key, e-mails,
 * organisation name) so the generator needs no database; the seeder maps them to ids.
 */
export interface GeneratedTicket {
  /** 1-based position in the stream; tickets come oldest first. */
  readonly number: number;
  readonly typeKey: DemoTicketTypeKey;
  readonly summary: string;
  readonly details: string;
  readonly status: TicketStatus;
  readonly priority: number;
  readonly category: string;
  readonly teamKey: DemoTeamKey;
  readonly agentEmail: string | null;
  readonly requesterEmail: string;
  readonly organisationName: string;
  readonly customFields: Readonly<Record<string, string | number | boolean>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly responseDueAt: string;
  readonly resolutionDueAt: string;
  readonly respondedAt: string | null;
  readonly resolvedAt: string | null;
  readonly notes: readonly GeneratedNote[];
}
