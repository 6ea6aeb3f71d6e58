import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  DeskKbArticleTicketsTable,
  DeskTicketLearnedTable,
  DeskTicketLinksTable,
} from './learned-tables.js';

/**
 * The desk plugin's tables as its store sees them (desk-schema, issue 3). Times are ISO-8601 UTC
 * strings, JSON values are text holding JSON, booleans are integers 0/1 — the same on SQLite and
 * PostgreSQL. The PostgreSQL-only `search` tsvector columns are left out on purpose: only SQL
 * written for that engine reads them.
 */

/** A desk user's role: end users raise tickets, agents and admins work them. */
export type DeskUserRole = 'end_user' | 'agent' | 'admin';
/** Where a ticket is in its workflow; `closed` is final, `resolved` can still be reopened. */
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'resolved' | 'closed';
/** Public notes are shown to the requester; private ones only to agents. */
export type NoteVisibility = 'public' | 'private';
/** Who wrote a note: a person, or an AI assistant acting for one. */
export type NoteProvenance = 'human' | 'ai';
/** Who made a change: a person, an AI assistant, or the system (a caller with no desk user). */
export type HistoryProvenance = 'human' | 'ai' | 'system';
/** Where an e-mail of the outbox is: waiting to go, sent, or failed. */
export type OutboxStatus = 'queued' | 'sent' | 'failed';
/** The kind of value a ticket type's own field holds. */
export type TicketFieldType = 'string' | 'text' | 'number' | 'boolean' | 'date' | 'enum';

/** Every ticket status, in workflow order. */
export const ticketStatuses: readonly TicketStatus[] = Object.freeze([
  'new',
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
]);

/** One entry of `desk_ticket_types.fields` (stored as a JSON array). */
export interface TicketFieldDefinition {
  readonly key: string;
  readonly label: string;
  readonly type: TicketFieldType;
  readonly required: boolean;
  readonly options?: readonly string[];
  readonly default?: string | number | boolean;
  readonly description?: string;
}

/** `desk_quick_actions.changes` (stored as JSON). */
export interface QuickActionChanges {
  readonly status?: TicketStatus;
  readonly team_key?: string;
  readonly priority?: number;
  readonly assign_to_caller?: boolean;
  readonly email_template?: { readonly subject: string; readonly body: string };
}

export interface DeskOrganisationsTable {
  id: Generated<number>;
  name: string;
  domain: string | null;
  created_at: string;
  /** The agent who owns the customer relationship; null for none (and for the desk's own staff). */
  account_manager_id: number | null;
}

export interface DeskTeamsTable {
  id: Generated<number>;
  key: string;
  name: string;
}

export interface DeskUsersTable {
  id: Generated<number>;
  /** Stored lower-case. */
  email: string;
  name: string;
  role: DeskUserRole;
  organisation_id: number | null;
  phone: string | null;
  title: string | null;
  /** `scrypt$N$r$p$saltB64$hashB64`, or null for accounts that cannot sign in with a password. */
  password_hash: string | null;
  /** 1 active, 0 deactivated; defaults to 1. */
  active: Generated<number>;
  created_at: string;
}

export interface DeskTeamMembersTable {
  team_id: number;
  user_id: number;
}

export interface DeskTicketTypesTable {
  id: Generated<number>;
  key: string;
  name: string;
  description: string;
  /** JSON array of {@link TicketFieldDefinition}. */
  fields: string;
  default_team_id: number | null;
  default_priority: number;
}

export interface DeskSlaPoliciesTable {
  id: Generated<number>;
  priority: number;
  response_minutes: number;
  resolution_minutes: number;
  at_risk_percent: number;
}

export interface DeskTicketsTable {
  id: Generated<number>;
  type_id: number;
  summary: string;
  details: string;
  status: TicketStatus;
  priority: number;
  category: string | null;
  team_id: number | null;
  agent_id: number | null;
  requester_id: number;
  organisation_id: number | null;
  /** JSON object of custom field values. */
  custom_fields: string;
  response_due_at: string | null;
  resolution_due_at: string | null;
  responded_at: string | null;
  resolved_at: string | null;
  /** Starts at 1 (the default) and grows by one on every update: optimistic concurrency. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DeskNotesTable {
  id: Generated<number>;
  ticket_id: number;
  author_id: number;
  body: string;
  visibility: NoteVisibility;
  provenance: NoteProvenance;
  ai_collection: string | null;
  ai_client: string | null;
  created_at: string;
}

export interface DeskTicketHistoryTable {
  id: Generated<number>;
  ticket_id: number;
  /** A desk user id, or null for the system. */
  actor_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  provenance: HistoryProvenance;
  collection: string | null;
  client: string | null;
  /** The caller's user id (a desk user's e-mail, or a service account's id); null for seed data. */
  principal: string | null;
  /** The `sdm_audit.correlation_id` of the tool call that made the change; null outside one. */
  correlation_id: string | null;
  at: string;
}

export interface DeskQuickActionsTable {
  id: Generated<number>;
  key: string;
  name: string;
  description: string;
  /** JSON of {@link QuickActionChanges}. */
  changes: string;
}

export interface DeskTimeEntriesTable {
  id: Generated<number>;
  ticket_id: number;
  user_id: number;
  minutes: number;
  note: string;
  logged_at: string;
}

export interface DeskKbArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  /** Markdown. */
  body: string;
  /** JSON array of strings. */
  tags: string;
  category: string;
  published: number;
  created_at: string;
  updated_at: string;
  /**
   * Words learned from the resolved tickets that mention the article (migration 0010): their
   * summaries, newest first, bounded. Searched by staff only; never shown.
   */
  learned_text: Generated<string>;
}

export interface DeskServicesTable {
  id: Generated<number>;
  key: string;
  name: string;
  description: string;
  category: string;
}

export interface DeskCatalogueItemsTable {
  id: Generated<number>;
  key: string;
  name: string;
  description: string;
  service_id: number | null;
  ticket_type_id: number;
  default_team_id: number | null;
}

export interface DeskCustomerServicesTable {
  organisation_id: number;
  service_id: number;
  since: string;
}

export interface DeskOutboxTable {
  id: Generated<number>;
  to_email: string;
  subject: string;
  body: string;
  ticket_id: number | null;
  status: OutboxStatus;
  created_at: string;
  sent_at: string | null;
}

/**
 * Every desk table, for `db.withTables<DeskTables>()`.
 *
 * @example
 * const desk = ctx.db.withTables<DeskTables>();
 * const ticket = await desk.selectFrom('desk_tickets').selectAll().where('id', '=', 1).executeTakeFirst();
 */
export type DeskTables = {
  desk_organisations: DeskOrganisationsTable;
  desk_teams: DeskTeamsTable;
  desk_users: DeskUsersTable;
  desk_team_members: DeskTeamMembersTable;
  desk_ticket_types: DeskTicketTypesTable;
  desk_sla_policies: DeskSlaPoliciesTable;
  desk_tickets: DeskTicketsTable;
  desk_notes: DeskNotesTable;
  desk_ticket_history: DeskTicketHistoryTable;
  desk_quick_actions: DeskQuickActionsTable;
  desk_time_entries: DeskTimeEntriesTable;
  desk_kb_articles: DeskKbArticlesTable;
  desk_kb_article_tickets: DeskKbArticleTicketsTable;
  desk_ticket_links: DeskTicketLinksTable;
  desk_ticket_learned: DeskTicketLearnedTable;
  desk_services: DeskServicesTable;
  desk_catalogue_items: DeskCatalogueItemsTable;
  desk_customer_services: DeskCustomerServicesTable;
  desk_outbox: DeskOutboxTable;
};

/** A row as read, an insert and an update of desk table `TTable`. */
export type DeskRow<TTable extends keyof DeskTables> = Selectable<DeskTables[TTable]>;
export type NewDeskRow<TTable extends keyof DeskTables> = Insertable<DeskTables[TTable]>;
export type DeskRowUpdate<TTable extends keyof DeskTables> = Updateable<DeskTables[TTable]>;

/** A row of `desk_organisations`. */
export type OrganisationRow = DeskRow<'desk_organisations'>;
export type TeamRow = DeskRow<'desk_teams'>;
export type DeskUserRow = DeskRow<'desk_users'>;
export type TicketTypeRow = DeskRow<'desk_ticket_types'>;
/** A row of `desk_sla_policies`: one priority's targets in minutes. */
export type SlaPolicyRow = DeskRow<'desk_sla_policies'>;
/** A row of `desk_tickets`; times are ISO-8601 UTC, `custom_fields` is JSON. */
export type TicketRow = DeskRow<'desk_tickets'>;
/** A row of `desk_notes`; `ai_collection` and `ai_client` are set for an assistant's note. */
export type NoteRow = DeskRow<'desk_notes'>;
/** A row of `desk_ticket_history`: one changed field, by whom, from which collection and client. */
export type TicketHistoryRow = DeskRow<'desk_ticket_history'>;
/** A row of `desk_quick_actions`; `changes` is JSON of {@link QuickActionChanges}. */
export type QuickActionRow = DeskRow<'desk_quick_actions'>;
/** A row of `desk_time_entries`. */
export type TimeEntryRow = DeskRow<'desk_time_entries'>;
export type KbArticleRow = DeskRow<'desk_kb_articles'>;
export type ServiceRow = DeskRow<'desk_services'>;
export type CatalogueItemRow = DeskRow<'desk_catalogue_items'>;
/** A row of `desk_outbox`: an e-mail queued for sending. */
export type OutboxRow = DeskRow<'desk_outbox'>;
