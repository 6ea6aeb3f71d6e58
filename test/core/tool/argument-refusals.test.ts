import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { useExampleDesk } from '../../helpers/example-desk.js';
import { testEngines } from '../../helpers/test-databases.js';

/**
 * Issue 16, items 3 and 4: a misspelt argument is refused at any depth with the name that was
 * likely meant (before, `search_tickets {"query":"vpn"}` ignored it and listed everything, and a
 * nested key was dropped in silence), and text with a NUL character is refused naming the field
 * on both engines (PostgreSQL answered "internal error").
 */
describe.each(testEngines)('argument refusals on $engine', (engine) => {
  const desk = useExampleDesk(engine);
  const since = new Date(Date.now() - 1000);

  async function auditedOutcomes(tool: string): Promise<string[]> {
    await desk.t.server.audit.flush();
    return (await desk.t.server.audit.query({ since, tool })).map((row) => row.outcome);
  }

  it('search_tickets {"query": "vpn"} is refused and points at "text"', async () => {
    const refused = await call(desk.sam, 'search_tickets', { query: 'vpn' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(
      '"query" (did you mean "text"?): not a parameter of search_tickets',
    );
    expect(refused.text).toMatch(/its parameters are text, /);
    const answered = await call(desk.sam, 'search_tickets', { text: 'vpn' });
    expect(answered.isError).toBe(false);
    expect(await auditedOutcomes('search_tickets')).toContain('invalid_input');
  });

  it('names the likely parameter for another spelling and a typo', async () => {
    const snake = await call(desk.sam, 'get_ticket', { ticket_id: 1 });
    expect(snake.text).toContain('"ticket_id" (did you mean "ticketId"?)');
    const typo = await call(desk.alice, 'create_ticket', { summery: 'VPN drops', details: 'x' });
    expect(typo.text).toContain('"summery" (did you mean "summary"?)');
  });

  it('refuses a key a nested object does not declare, naming its path and what it takes', async () => {
    const refused = await call(desk.alice, 'search_knowledge_base', {
      query: 'vpn',
      emailArticle: { article: 1, recipient: 'bob@example.com' },
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('"emailArticle.recipient"');
    expect(refused.text).toContain(
      'not a parameter of emailArticle in search_knowledge_base; emailArticle takes article, to, ticketId, message',
    );
  });

  it('refuses text with a NUL character, naming the field, and stores nothing', async () => {
    const summary = 'Printer on floor 2 smudges';
    const refused = await call(desk.alice, 'create_ticket', {
      summary,
      details: 'It smudges\u0000 every page.',
      priority: 3,
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('details: contains a NUL character');
    const found = await call(desk.sam, 'search_tickets', { text: summary });
    expect(found.out.tickets).toEqual([]);
    const nested = await call(desk.alice, 'search_knowledge_base', {
      query: 'vpn',
      tags: ['ok', 'bad\u0000tag'],
    });
    expect(nested.text).toContain('tags[1]: contains a NUL character');
  });
});
