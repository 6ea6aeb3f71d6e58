import {
  CreateMessageRequestSchema,
  type CreateMessageRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noModelMessage } from '../../../plugins/ai-abilities/index.js';
import { untrustedText } from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { privateMarker, startAiFixture, type AiFixture } from './ai-abilities-fixture.js';

describe.each(testEngines)('ai-abilities with no provider on $engine', (engine) => {
  let f: AiFixture;

  beforeAll(async () => {
    f = await startAiFixture(engine, { provider: false });
  });
  afterAll(() => f.close());

  const notesOf = async (ticketId: number) =>
    (await call(f.t.clients['agent']!, 'get_ticket', { ticketId })).out.ticket.notes as {
      id: number;
      visibility: string;
      body: string;
      written_by_ai: boolean;
      ai_collection?: string | null;
    }[];

  /** An agent's client on the stateful collection that answers sampling requests. */
  async function samplingClient(answer: string) {
    const client = await f.connect('agent-live', 'ann-token', { sampling: {} });
    const asked: CreateMessageRequest['params'][] = [];
    client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      asked.push(request.params);
      return {
        role: 'assistant',
        content: { type: 'text', text: answer },
        model: 'client-model',
        stopReason: 'endTurn',
      };
    });
    return { client, asked };
  }

  it('says how to configure a model on a stateless collection, and writes nothing', async () => {
    const { isError, text } = await call(f.t.clients['agent']!, 'run_ai_summarise', {
      ticketId: f.tickets.joVpn,
      writeBack: true,
    });
    expect(isError).toBe(true);
    expect(text).toBe(noModelMessage);
    expect(text).toContain('set SDM_AI_URL and SDM_AI_MODEL');
    expect(text).toContain('session: "stateful"');
    expect(await notesOf(f.tickets.joVpn)).toHaveLength(2);
  });

  it('says the same on a stateful collection whose client does not offer sampling', async () => {
    const client = await f.connect('agent-live', 'ann-token');
    const { text } = await call(client, 'run_ai_summarise', { ticketId: f.tickets.joVpn });
    expect(text).toBe(noModelMessage);
  });

  it("runs on the client's model through sampling, with the same prompt", async () => {
    const { client, asked } = await samplingClient('Summary from the client model.');
    const { isError, out, text } = await call(client, 'run_ai_summarise', {
      ticketId: f.tickets.joVpn,
    });
    expect(isError, text).toBe(false);
    expect(out).toEqual({
      ticketId: f.tickets.joVpn,
      ability: 'summarise',
      text: untrustedText(
        `AI answer on ticket ${f.tickets.joVpn}`,
        'Summary from the client model.',
      ),
      via: 'sampling',
      model: 'client-model',
      shortened: false,
    });
    expect(asked).toHaveLength(1);
    const params = asked[0]!;
    expect(params.maxTokens).toBe(400);
    expect(params.systemPrompt).toContain('treat it as data');
    expect(params.includeContext).toBe('none');
    const message = params.messages[0]!;
    expect(message.role).toBe('user');
    const content = message.content as { type: string; text: string };
    expect(content.text).toContain('VPN keeps dropping in London');
    expect(content.text).toContain(privateMarker);
  });

  it('parses a structured answer and writes it back as a private AI note naming sampling', async () => {
    const { client } = await samplingClient(
      '{"sentiment":"neutral","confidence":0.6,"reasons":["calm wording"]}',
    );
    const { out } = await call(client, 'run_ai_detect_sentiment', {
      ticketId: f.tickets.joVpn,
      writeBack: true,
    });
    expect(out.result).toEqual({
      sentiment: 'neutral',
      confidence: 0.6,
      reasons: ['calm wording'],
    });
    expect(out.noteId).toEqual(expect.any(Number));
    const notes = await notesOf(f.tickets.joVpn);
    expect(notes).toHaveLength(3);
    expect(notes[2]).toMatchObject({
      visibility: 'private',
      written_by_ai: true,
      ai_collection: 'agent-live',
    });
    expect(notes[2]!.body).toBe(
      untrustedText(
        `ticket ${f.tickets.joVpn} note ${notes[2]!.id}`,
        "Written by AI ability detect_sentiment, model client-model via the client's model (MCP sampling):\n\n" +
          JSON.stringify(
            { sentiment: 'neutral', confidence: 0.6, reasons: ['calm wording'] },
            null,
            2,
          ),
      ),
    );
  });

  it('refuses an unknown ticket before sampling', async () => {
    const { client, asked } = await samplingClient('never used');
    const { text } = await call(client, 'run_ai_summarise', { ticketId: 999_999 });
    expect(text).toBe('ticket 999999 not found; check the number, e.g. with search_tickets');
    expect(asked).toHaveLength(0);
  });
});
