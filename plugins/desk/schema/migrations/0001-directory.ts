import type { Migration } from '../../../../core/index.js';
import { between, deskColumns, oneOf } from './columns.js';

/** Organisations, teams, users and team membership. */
export const createDirectory: Migration = {
  async up(db, { engine }) {
    const { id, idType, references } = deskColumns(engine);

    await id(db.schema.createTable('desk_organisations'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('domain', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await id(db.schema.createTable('desk_teams'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await id(db.schema.createTable('desk_users'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(oneOf('role', ['end_user', 'agent', 'admin'])),
      )
      .addColumn('organisation_id', idType, references('desk_organisations'))
      .addColumn('phone', 'text')
      .addColumn('title', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(between('active', 0, 1)),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('desk_users_organisation_idx')
      .on('desk_users')
      .column('organisation_id')
      .execute();

    await db.schema
      .createTable('desk_team_members')
      .addColumn('team_id', idType, (c) => references('desk_teams')(c).notNull())
      .addColumn('user_id', idType, (c) => references('desk_users')(c).notNull())
      .addPrimaryKeyConstraint('desk_team_members_pk', ['team_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('desk_team_members_user_idx')
      .on('desk_team_members')
      .column('user_id')
      .execute();
  },
};
