import { describe, expect, it } from 'vitest';
import { ticketsPlugin } from '../../../plugins/tickets/index.js';

describe('ticketsPlugin', () => {
  it('is the tickets plugin, built on the desk store', () => {
    const plugin = ticketsPlugin();
    expect(plugin).toMatchObject({ id: 'tickets', requires: ['desk'] });
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses maxQueueTickets %s at startup', (value) => {
    expect(() => ticketsPlugin({ maxQueueTickets: value })).toThrow(
      /CONFIG_INVALID: plugin "tickets": maxQueueTickets .* must be a whole number of 1 or more/,
    );
  });
});
