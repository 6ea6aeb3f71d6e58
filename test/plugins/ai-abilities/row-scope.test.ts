import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import {
  privateMarker,
  publicMarker,
  startAiFixture,
  type AiFixture,
} from './ai-abilities-fixture.js';
import { startFakeChatServer, type FakeChatServer } from './fake-chat-server.js';

describe.each(testEngines)('ai-abilities for end users on $engine', (engine) => {
  let chat: FakeChatServer;
  let f: AiFixture;

  beforeAll(async () => {
    chat = await startFakeChatServer();
    f = await startAiFixture(engine, { provider: { url: chat.baseUrl, model: 'fake-model' } });
  });
  afterAll(async () => {
    await f.close();
    await chat.close();
  });
  afterEach(() => chat.reset());

  const notFound = (id: number) =>
    `ticket ${id} not found; check the number, e.g. with search_tickets`;
  const noteCount = async (ticketId: number) =>
    ((await call(f.t.clients['agent']!, 'get_ticket', { ticketId })).out.ticket.notes as unknown[])
      .length;

  it('runs on their own ticket without the private notes, and sends no key when none is set', async () => {
    const jo = await f.connect('user', 'jo-token');
    const { isError } = await call(jo, 'run_ai_draft_reply', { ticketId: f.tickets.joVpn });
    expect(isError).toBe(false);
    expect(chat.requests[0]!.authorization).toBeUndefined();
    const user = chat.requests[0]!.body.messages[1].content as string;
    expect(user).toContain(publicMarker);
    expect(user).not.toContain(privateMarker);
    expect(user).not.toContain('PRIVATE');
  });

  it("answers 'not found' for someone else's ticket and never writes back", async () => {
    const jo = await f.connect('user', 'jo-token');
    const other = await call(jo, 'run_ai_summarise', { ticketId: f.tickets.samPrinter });
    expect(other.text).toBe(notFound(f.tickets.samPrinter));
    const back = await call(jo, 'run_ai_summarise', { ticketId: f.tickets.joVpn, writeBack: true });
    expect(back.text).toBe(
      'writeBack saves a private note, which only agents may add; call again without writeBack',
    );
    expect(chat.requests).toHaveLength(0);
    expect(await noteCount(f.tickets.joVpn)).toBe(2);
  });

  it("keeps ai:run:own to the caller's own tickets even where they may read the organisation's", async () => {
    // Sam and Jo work at the same organisation: Sam may read Jo's ticket here.
    const sam = await f.connect('user-org', 'sam-token');
    const { text } = await call(sam, 'run_ai_summarise', { ticketId: f.tickets.joVpn });
    expect(text).toBe(notFound(f.tickets.joVpn));
    expect(chat.requests).toHaveLength(0);
    const own = await call(sam, 'run_ai_summarise', { ticketId: f.tickets.samPrinter });
    expect(own.isError).toBe(false);
  });

  it("lets ai:run:org reach the organisation's tickets, and no further", async () => {
    const sam = await f.connect('user-org-ai', 'sam-token');
    const { isError } = await call(sam, 'run_ai_summarise', { ticketId: f.tickets.joVpn });
    expect(isError).toBe(false);
    expect(chat.requests).toHaveLength(1);
    const kim = await call(sam, 'run_ai_summarise', { ticketId: f.tickets.kimEmail });
    expect(kim.text).toBe(notFound(f.tickets.kimEmail));
    expect(chat.requests).toHaveLength(1);
  });
});
