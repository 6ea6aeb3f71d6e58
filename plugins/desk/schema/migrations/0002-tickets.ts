import type { Migration } from '../../../../core/index.js';
import { between, deskColumns, oneOf } from './columns.js';

const statuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'];

/** Ticket types, SLA policies, tickets and what hangs off a ticket: notes, history, time. */
export const createTickets: Migration = {
  async up(db, { engine }) {
    const { id, idType, references } = deskColumns(engine);

    await id(db.schema.createTable('desk_ticket_types'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('default_team_id', idType, references('desk_teams'))
      .addColumn('default_priority', 'integer', (c) =>
        c.notNull().check(between('default_priority', 1, 4)),
      )
      .execute();

    await id(db.schema.createTable('desk_sla_policies'))
      .addColumn('priority', 'integer', (c) =>
        c
          .notNull()
          .unique()
          .check(between('priority', 1, 4)),
      )
      .addColumn('response_minutes', 'integer', (c) => c.notNull())
      .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
      .addColumn('at_risk_percent', 'integer', (c) =>
        c.notNull().check(between('at_risk_percent', 1, 100)),
      )
      .execute();

    await id(db.schema.createTable('desk_tickets'))
      .addColumn('type_id', idType, (c) => references('desk_ticket_types')(c).notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', statuses)))
      .addColumn('priority', 'integer', (c) => c.notNull().check(between('priority', 1, 4)))
      .addColumn('category', 'text')
      .addColumn('team_id', idType)
      .addColumn('agent_id', idType, references('desk_users'))
      .addColumn('requester_id', idType, (c) => references('desk_users')(c).notNull())
      .addColumn('organisation_id', idType, references('desk_organisations'))
      .addColumn('custom_fields', 'text', (c) => c.notNull())
      .addColumn('response_due_at', 'text')
      .addColumn('resolution_due_at', 'text')
      .addColumn('responded_at', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const ticketIndexes: Record<string, string[]> = {
      desk_tickets_status_priority_idx: ['status', 'priority'],
      desk_tickets_requester_idx: ['requester_id'],
      desk_tickets_organisation_idx: ['organisation_id'],
      desk_tickets_agent_idx: ['agent_id'],
      desk_tickets_team_idx: ['team_id'],
      desk_tickets_created_idx: ['created_at'],
    };
    for (const [name, columns] of Object.entries(ticketIndexes)) {
      await db.schema.createIndex(name).on('desk_tickets').columns(columns).execute();
    }

    await id(db.schema.createTable('desk_notes'))
      .addColumn('ticket_id', idType, (c) => references('desk_tickets')(c).notNull())
      .addColumn('author_id', idType, (c) => references('desk_users')(c).notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) =>
        c.notNull().check(oneOf('visibility', ['public', 'private'])),
      )
      .addColumn('provenance', 'text', (c) =>
        c.notNull().check(oneOf('provenance', ['human', 'ai'])),
      )
      .addColumn('ai_collection', 'text')
      .addColumn('ai_client', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('desk_notes_ticket_created_idx')
      .on('desk_notes')
      .columns(['ticket_id', 'created_at'])
      .execute();

    await id(db.schema.createTable('desk_ticket_history'))
      .addColumn('ticket_id', idType, (c) => c.notNull())
      .addColumn('actor_id', idType)
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('provenance', 'text', (c) =>
        c.notNull().check(oneOf('provenance', ['human', 'ai', 'system'])),
      )
      .addColumn('collection', 'text')
      .addColumn('client', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('desk_ticket_history_ticket_at_idx')
      .on('desk_ticket_history')
      .columns(['ticket_id', 'at'])
      .execute();

    await id(db.schema.createTable('desk_quick_actions'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('changes', 'text', (c) => c.notNull())
      .execute();

    await id(db.schema.createTable('desk_time_entries'))
      .addColumn('ticket_id', idType, (c) => c.notNull())
      .addColumn('user_id', idType, (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull().check(between('minutes', 1, 2147483647)))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('logged_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('desk_time_entries_ticket_idx')
      .on('desk_time_entries')
      .column('ticket_id')
      .execute();
  },
};
