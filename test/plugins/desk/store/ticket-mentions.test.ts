import { describe, expect, it } from 'vitest';
import { ticketMentions } from '../../../../plugins/desk/store/ticket-mentions.js';

describe('ticketMentions', () => {
  it('reads #<id>, ticket <id> and ticket #<id>, each once', () => {
    expect(ticketMentions('Same fault as #4821; see Ticket 4790 and ticket #4821.')).toEqual([
      4821, 4790,
    ]);
  });

  it('does not read numbers inside words, URL fragments or HTML entities', () => {
    expect(ticketMentions('page#3, &#39;, #12a, ticket4, 4821')).toEqual([]);
  });
});
