import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../core/index.js';
import {
  abilitiesExtensionPoint,
  defineAbility,
  type AbilityDefinition,
} from '../../../plugins/ai-abilities/api.js';
import { aiAbilitiesPlugin, summariseAbility } from '../../../plugins/ai-abilities/index.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { call } from '../../helpers/call-tool.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startFakeChatServer, type FakeChatServer } from './fake-chat-server.js';

/** The NOC's own ability, written in its own folder. */
const triageAbility = defineAbility({
  id: 'noc_triage',
  title: 'Triage for the on-call engineer',
  description: 'Says whether a ticket should page the on-call engineer, and why.',
  instructions: 'You triage tickets for a network operations centre.',
  template: 'Should ticket {{ticket.id}} page the on-call engineer?\n\n{{ticket}}',
  maxTokens: 100,
});

/** A plugin that contributes `abilities` to ai-abilities in its setup, gated by `scope`. */
function nocPlugin(
  abilities: readonly AbilityDefinition[] = [triageAbility],
  options: { id?: string; requires?: string[]; scope?: string } = {},
): PluginDefinition {
  const id = options.id ?? 'noc';
  return definePlugin({
    id,
    version: '1.0.0',
    requires: options.requires ?? ['ai-abilities'],
    scopes: { [`${id}:triage:own`]: 'Run the on-call triage' },
    setup(ctx) {
      const extension = ctx.extensionPoint(abilitiesExtensionPoint);
      for (const ability of abilities) {
        extension.addAbility(ability, { scope: options.scope ?? `${id}:triage:own` });
      }
    },
  });
}

function token(name: string, scopes: string[]): DevToken {
  return {
    token: name,
    name,
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['tickets:read:all', 'ai:run:all', ...scopes],
    collections: ['noc', 'ai'],
  };
}

describe.each(testEngines)('AI abilities another plugin contributes, on $engine', (engine) => {
  let chat: FakeChatServer;
  let t: TestServer;

  beforeAll(async () => {
    chat = await startFakeChatServer();
    t = await startTestServer({
      plugins: [
        nocPlugin(),
        deskPlugin({ demoData: 'if-empty', demoTickets: 3 }),
        aiAbilitiesPlugin({
          provider: { url: chat.baseUrl, model: 'fake-model' },
          abilities: [summariseAbility],
        }),
      ],
      collections: [
        defineCollection({
          id: 'noc',
          title: 'NOC',
          plugins: ['noc'],
          grant: ['tickets:read:all', 'ai:run:all', 'noc:triage:own'],
          roles: ['agent', 'admin'],
        }),
        defineCollection({
          id: 'ai',
          title: 'AI',
          plugins: ['ai-abilities'],
          grant: ['tickets:read:all', 'ai:run:all'],
          roles: ['agent', 'admin'],
        }),
      ],
      tokens: [token('noc-staff', ['noc:triage:own']), token('ai-staff', [])],
      engine,
    });
  });
  afterAll(async () => {
    await t?.close();
    await chat?.close();
  });
  afterEach(() => chat.reset());

  it("serves it as the contributor's run_ai tool, on the configured provider", async () => {
    const staff = await t.connect('noc', 'noc-staff');
    expect((await staff.listTools()).tools.map((tool) => tool.name)).toEqual(['run_ai_noc_triage']);
    chat.script({ kind: 'answer', content: 'Page: the core switch is down.' });
    const { isError, out } = await call(staff, 'run_ai_noc_triage', { ticketId: 1 });
    expect(isError).toBe(false);
    expect(out).toMatchObject({ ticketId: 1, ability: 'noc_triage', via: 'provider' });
    expect(out.text).toContain('Page: the core switch is down.');
    expect(chat.requests[0]!.body.messages[0].content).toMatch(/^You triage tickets for a network/);
    await staff.close();
  });

  it("is gated by the contributor's scope, and not served where only ai-abilities is listed", async () => {
    const aiStaff = await t.connect('noc', 'ai-staff');
    expect((await aiStaff.listTools()).tools).toEqual([]);
    await aiStaff.close();
    const onAi = await t.connect('ai', 'noc-staff');
    expect((await onAi.listTools()).tools.map((tool) => tool.name)).toEqual(['run_ai_summarise']);
    await onAi.close();
  });
});

describe('contributed AI abilities are checked at startup', () => {
  const refusal = (contributors: readonly PluginDefinition[]) =>
    expectStartupError(
      {
        plugins: [deskPlugin(), aiAbilitiesPlugin({ provider: false }), ...contributors],
        collections: [],
      },
      'PLUGIN_CONTRIBUTION_INVALID',
    );
  const prefix = 'plugin "noc" contributes an AI ability to plugin "ai-abilities": ';

  it('refuses an id a configured ability has, naming both sources', async () => {
    const error = await refusal([nocPlugin([summariseAbility])]);
    expect(error.message).toBe(
      `PLUGIN_CONTRIBUTION_INVALID: ${prefix}ability id "summarise" (tool run_ai_summarise) is ` +
        'already served by plugin "ai-abilities" (its "abilities" option); give it an id of its own',
    );
  });

  it("refuses an id another plugin's ability has, naming both plugins", async () => {
    const error = await refusal([nocPlugin(), nocPlugin([triageAbility], { id: 'pager' })]);
    expect(error.message).toContain(
      'plugin "pager" contributes an AI ability to plugin "ai-abilities": ability id ' +
        '"noc_triage" (tool run_ai_noc_triage) is already served by plugin "noc"',
    );
  });

  it('refuses an ability without a scope, gated by ai:run:*, or not made by defineAbility', async () => {
    const noScope = await refusal([nocPlugin([triageAbility], { scope: ' ' })]);
    expect(noScope.message).toContain(`${prefix}ability "noc_triage" names no scope`);
    const ownerScope = await refusal([nocPlugin([triageAbility], { scope: 'ai:run:all' })]);
    expect(ownerScope.message).toContain(
      `${prefix}ability "noc_triage" is gated by "ai:run:all", a scope of plugin "ai-abilities"`,
    );
    const handMade = await refusal([nocPlugin([{ ...triageAbility, kind: 'other' } as never])]);
    expect(handMade.message).toContain(`${prefix}abilities must be made with defineAbility`);
  });

  it('PLUGIN_EXTENSION_POINT_MISSING when the contributor does not require ai-abilities', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          deskPlugin(),
          aiAbilitiesPlugin({ provider: false }),
          nocPlugin([triageAbility], { requires: ['desk'] }),
        ],
        collections: [],
      },
      'PLUGIN_EXTENSION_POINT_MISSING',
    );
    expect(error.message).toContain('"ai-abilities.abilities"');
    expect(error.message).toContain('plugin "noc"');
  });
});
