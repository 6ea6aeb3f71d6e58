import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskDirectory, type DeskDirectory } from '../../../plugins/desk/store/directory.js';
import { testEngines } from '../../helpers/test-databases.js';
import { deskPrincipal } from './desk-principals.js';
import { openDeskTestDatabase, type DeskTestDatabase } from './desk-test-database.js';

const at = '2026-01-05T09:00:00.000Z';

describe.each(testEngines)('desk directory on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let directory: DeskDirectory;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const db = desk.db;
    for (const name of ['Birch Logistics', 'Acorn Construction']) {
      const row = await db
        .insertInto('desk_organisations')
        .values({ name, domain: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[name] = row.id;
    }
    const users = [
      { email: 'jo.bloggs@acorn.example', role: 'end_user', org: 'Acorn Construction', active: 1 },
      { email: 'sam.taylor@acorn.example', role: 'end_user', org: 'Acorn Construction', active: 1 },
      { email: 'kim.lee@birch.example', role: 'end_user', org: 'Birch Logistics', active: 1 },
      { email: 'ann.agent@desk.example', role: 'agent', org: null, active: 1 },
      { email: 'old.leaver@acorn.example', role: 'end_user', org: 'Acorn Construction', active: 0 },
    ] as const;
    for (const user of users) {
      const row = await db
        .insertInto('desk_users')
        .values({
          email: user.email,
          name: user.email.split('@')[0]!,
          role: user.role,
          organisation_id: user.org === null ? null : ids[user.org]!,
          phone: null,
          title: null,
          password_hash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
          active: user.active,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[user.email] = row.id;
    }
    for (const [key, name] of [
      ['network', 'Network'],
      ['hardware', 'Hardware'],
    ] as const) {
      const row = await db
        .insertInto('desk_teams')
        .values({ key, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    }
    await db
      .insertInto('desk_team_members')
      .values({ team_id: ids['network']!, user_id: ids['ann.agent@desk.example']! })
      .execute();
    directory = createDeskDirectory({ db, engine: desk.engine, now: () => new Date(at) });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('resolves a principal by e-mail in any case, without the password hash', async () => {
    const user = await directory.resolvePrincipal(deskPrincipal('  Jo.Bloggs@ACORN.example '));
    expect(user).toMatchObject({
      id: ids['jo.bloggs@acorn.example'],
      email: 'jo.bloggs@acorn.example',
      role: 'end_user',
      organisation_id: ids['Acorn Construction'],
      active: 1,
    });
    expect(user).not.toHaveProperty('password_hash');
  });

  it('resolves nobody for an unknown e-mail or a deactivated user', async () => {
    expect(await directory.resolvePrincipal(deskPrincipal('nobody@acorn.example'))).toBeUndefined();
    expect(
      await directory.resolvePrincipal(deskPrincipal('old.leaver@acorn.example')),
    ).toBeUndefined();
    expect(
      await directory.resolvePrincipal(deskPrincipal('reporting-service', { role: 'service' })),
    ).toBeUndefined();
  });

  it('lets staff look up anyone by id or e-mail', async () => {
    const agent = deskPrincipal('ann.agent@desk.example', { role: 'agent' });
    expect(await directory.getUserById(agent, ids['kim.lee@birch.example']!)).toMatchObject({
      email: 'kim.lee@birch.example',
    });
    expect(await directory.getUserByEmail(agent, 'SAM.TAYLOR@acorn.example')).toMatchObject({
      id: ids['sam.taylor@acorn.example'],
    });
    expect(await directory.getUserById(agent, 999_999)).toBeUndefined();
    const found = await directory.getUserById(agent, ids['ann.agent@desk.example']!);
    expect(found).not.toHaveProperty('password_hash');
  });

  it('lets an end user look up only themself; anyone else is not found', async () => {
    const jo = deskPrincipal('jo.bloggs@acorn.example');
    expect(await directory.getUserById(jo, ids['jo.bloggs@acorn.example']!)).toMatchObject({
      email: 'jo.bloggs@acorn.example',
    });
    expect(await directory.getUserById(jo, ids['sam.taylor@acorn.example']!)).toBeUndefined();
    expect(await directory.getUserByEmail(jo, 'kim.lee@birch.example')).toBeUndefined();
    const stranger = deskPrincipal('nobody@acorn.example');
    expect(await directory.getUserById(stranger, ids['jo.bloggs@acorn.example']!)).toBeUndefined();
  });

  it('lists every organisation by name for staff, only their own for an end user', async () => {
    const agent = deskPrincipal('ann.agent@desk.example', { role: 'agent' });
    expect((await directory.listOrganisations(agent)).map((o) => o.name)).toEqual([
      'Acorn Construction',
      'Birch Logistics',
    ]);
    const kim = deskPrincipal('kim.lee@birch.example');
    expect((await directory.listOrganisations(kim)).map((o) => o.name)).toEqual([
      'Birch Logistics',
    ]);
    expect(await directory.listOrganisations(deskPrincipal('nobody@acorn.example'))).toEqual([]);
  });

  it('lists teams by name with their members', async () => {
    const teams = await directory.listTeams(
      deskPrincipal('ann.agent@desk.example', { role: 'agent' }),
    );
    expect(teams.map((t) => [t.key, t.member_ids])).toEqual([
      ['hardware', []],
      ['network', [ids['ann.agent@desk.example']]],
    ]);
  });
});
