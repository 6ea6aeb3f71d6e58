import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ResourceUpdatedNotificationSchema,
  type ResourceUpdatedNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { statusUri } from './support/fixture-plugin.js';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { patience } from './support/raw-http.js';

const teamQueue = 'fixture://teams/{team}/queue';

describe('resources, prompts and completions', () => {
  let f: FixtureServer;
  let alice: Client;
  let sam: Client;

  beforeAll(async () => {
    f = await startFixtureServer();
    alice = await f.t.connect('desk', tokens.alice);
    sam = await f.t.connect('agent', tokens.sam);
  });
  afterAll(() => f.t.close());

  describe('resources', () => {
    it('lists only the resources the caller may read', async () => {
      expect((await alice.listResources()).resources).toEqual([
        { uri: statusUri, name: 'status', title: 'Desk status', mimeType: 'text/plain' },
      ]);
      const agentView = (await sam.listResources()).resources.map((r) => r.uri);
      expect(agentView.sort()).toEqual(['fixture://secret', statusUri]);
    });

    it('reads a fixed resource for the caller', async () => {
      const result = await alice.readResource({ uri: statusUri });
      expect(result.contents).toEqual([{ uri: statusUri, text: 'status for alice: green' }]);
    });

    it('answers an unknown or unreadable resource with error -32002 naming the URI', async () => {
      await expect(alice.readResource({ uri: 'fixture://nothing' })).rejects.toMatchObject({
        code: -32002,
        message: expect.stringContaining('fixture://nothing'),
      });
      await expect(alice.readResource({ uri: 'fixture://secret' })).rejects.toMatchObject({
        code: -32002,
      });
      expect((await sam.readResource({ uri: 'fixture://secret' })).contents).toEqual([
        { uri: 'fixture://secret', text: 'the secret' },
      ]);
    });

    it('lists resource templates and reads one with its variables', async () => {
      expect((await alice.listResourceTemplates()).resourceTemplates).toEqual([
        {
          uriTemplate: teamQueue,
          name: 'team-queue',
          title: 'A team’s queue',
          mimeType: 'application/json',
        },
      ]);
      const result = await alice.readResource({ uri: 'fixture://teams/security/queue' });
      expect(result.contents).toEqual([
        {
          uri: 'fixture://teams/security/queue',
          mimeType: 'application/json',
          text: JSON.stringify({ team: 'security' }),
        },
      ]);
      await expect(alice.readResource({ uri: 'fixture://teams/security' })).rejects.toMatchObject({
        code: -32002,
      });
    });

    it('offers subscriptions only on stateful collections', async () => {
      expect(alice.getServerCapabilities()?.resources?.subscribe).toBe(false);
      await expect(alice.subscribeResource({ uri: statusUri })).rejects.toMatchObject({
        code: -32601,
        message: expect.stringContaining('stateful'),
      });
      const client = await f.t.connect('session', tokens.alice);
      expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    });
  });

  describe('subscriptions on a stateful collection', () => {
    it('delivers notifications/resources/updated on the session’s GET stream', async () => {
      const subscriber = await f.t.connect('session', tokens.alice);
      const bystander = await f.t.connect('session', tokens.bob);
      const updates: string[] = [];
      const bystanderUpdates: string[] = [];
      const record =
        (into: string[]) =>
        (n: ResourceUpdatedNotification): void => {
          into.push(n.params.uri);
        };
      subscriber.setNotificationHandler(ResourceUpdatedNotificationSchema, record(updates));
      bystander.setNotificationHandler(ResourceUpdatedNotificationSchema, record(bystanderUpdates));
      await subscriber.subscribeResource({ uri: statusUri });
      const notify = f.probe.notifyResourceUpdated;
      expect(notify).toBeDefined();

      // The client opens its GET stream in the background; notify until it is there to listen.
      await vi.waitFor(() => {
        notify?.(statusUri);
        expect(updates).toContain(statusUri);
      }, patience);
      expect(new Set(updates)).toEqual(new Set([statusUri]));

      // After unsubscribing, a later update of another subscribed URI arrives but this one does not.
      const queue = 'fixture://teams/network/queue';
      await subscriber.subscribeResource({ uri: queue });
      await subscriber.unsubscribeResource({ uri: statusUri });
      updates.length = 0;
      notify?.(statusUri);
      notify?.(queue);
      await vi.waitFor(() => expect(updates).toContain(queue), patience);
      expect(updates).not.toContain(statusUri);
      expect(bystanderUpdates).toEqual([]);
    });

    it('refuses to subscribe to a resource the caller cannot read', async () => {
      const client = await f.t.connect('session', tokens.alice);
      await expect(client.subscribeResource({ uri: 'fixture://secret' })).rejects.toMatchObject({
        code: -32002,
      });
    });
  });

  describe('prompts', () => {
    it('lists prompts with their arguments', async () => {
      expect((await alice.listPrompts()).prompts).toEqual([
        {
          name: 'triage',
          title: 'Triage a ticket',
          description: 'Asks the model to triage one ticket.',
          arguments: [
            { name: 'ticket', description: 'Ticket id', required: true },
            { name: 'team', description: 'Team to route to' },
          ],
        },
      ]);
    });

    it('renders a prompt with its arguments for the caller', async () => {
      const result = await alice.getPrompt({
        name: 'triage',
        arguments: { ticket: '4821', team: 'network' },
      });
      expect(result).toEqual({
        description: 'Asks the model to triage one ticket.',
        messages: [
          {
            role: 'user',
            content: { type: 'text', text: 'Triage ticket 4821 for alice, team network' },
          },
        ],
      });
    });

    it('answers a missing required argument with -32602 naming it', async () => {
      await expect(
        alice.getPrompt({ name: 'triage', arguments: { team: 'network' } }),
      ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('ticket') });
    });

    it('answers an unknown prompt with -32602', async () => {
      await expect(alice.getPrompt({ name: 'nope', arguments: {} })).rejects.toMatchObject({
        code: -32602,
      });
    });
  });

  describe('completions', () => {
    it('completes a prompt argument', async () => {
      const result = await alice.complete({
        ref: { type: 'ref/prompt', name: 'triage' },
        argument: { name: 'team', value: 'net' },
      });
      expect(result.completion).toEqual({
        values: ['network', 'networking-emea'],
        total: 2,
        hasMore: false,
      });
    });

    it('completes a resource template variable', async () => {
      const result = await alice.complete({
        ref: { type: 'ref/resource', uri: teamQueue },
        argument: { name: 'team', value: 'de' },
      });
      expect(result.completion.values).toEqual(['desktop']);
    });

    it('returns no values for an argument without a completer', async () => {
      const result = await alice.complete({
        ref: { type: 'ref/prompt', name: 'triage' },
        argument: { name: 'ticket', value: '48' },
      });
      expect(result.completion.values).toEqual([]);
    });

    it('refuses completions for an unknown prompt or template', async () => {
      await expect(
        alice.complete({
          ref: { type: 'ref/prompt', name: 'nope' },
          argument: { name: 'team', value: '' },
        }),
      ).rejects.toMatchObject({ code: -32602 });
      await expect(
        alice.complete({
          ref: { type: 'ref/resource', uri: 'fixture://other/{x}' },
          argument: { name: 'x', value: '' },
        }),
      ).rejects.toMatchObject({ code: -32602 });
    });
  });
});
