import { describe, expect, it } from 'vitest';
import {
  ticketTypeToolsPlugin,
  type TicketTypeToolConfig,
} from '../../../plugins/ticket-types/index.js';

const refusal = (tools: unknown) => {
  try {
    ticketTypeToolsPlugin({ tools: tools as TicketTypeToolConfig[] });
  } catch (error) {
    return error;
  }
  throw new Error('expected ticketTypeToolsPlugin to refuse its options');
};

describe('ticketTypeToolsPlugin options', () => {
  it('names each tool log_<key> with a scope of its own unless told otherwise', () => {
    const plugin = ticketTypeToolsPlugin({
      tools: [
        { type: 'Service_Request' },
        { catalogueItem: 'new-starter' },
        { type: 'opportunity', name: 'log_sales_lead', scope: 'sales:log:own' },
      ],
    });
    expect(plugin).toMatchObject({ id: 'ticket-types', requires: ['desk'] });
    expect(plugin.scopes).toEqual({
      'tickets:log-service-request:own': 'Log service_request tickets with log_service_request',
      'tickets:log-new-starter:own':
        'Request new-starter from the service catalogue with log_new_starter',
      'sales:log:own': 'Log opportunity tickets with log_sales_lead',
    });
  });

  it.each([
    [undefined, /tools must list at least one tool/],
    [[], /tools must list at least one tool/],
    [[{}], /tools\[0\] must give exactly one of "type" .* or "catalogueItem"/],
    [[{ type: 'a', catalogueItem: 'b' }], /tools\[0\] must give exactly one of/],
    [[{ type: '  ' }], /tools\[0\]\.type must be a non-empty key/],
    [[{ type: 42 }], /tools\[0\]\.type must be a non-empty key/],
    [
      [{ type: 'opportunity', name: 'log opportunity' }],
      /tools\[0\] has tool name "log opportunity", which must match/,
    ],
    [
      [{ type: 'x'.repeat(61) }],
      /tools\[0\] has tool name "log_x+", which must match .*; set "name"/,
    ],
    [
      [{ type: 'déjà', name: 'log_deja' }],
      /tools\[0\] has scope "tickets:log-déjà:own", which must match resource:action\[:extent\].*; set "scope"/,
    ],
    [[{ type: 'opportunity', scope: 'Sales' }], /has scope "Sales", which must match/],
    [[{ type: 'opportunity', description: ' ' }], /tools\[0\]\.description must not be blank/],
    [
      [{ type: 'opportunity' }, { catalogueItem: 'opportunity' }],
      /two tools have the name "log_opportunity"; give each tool its own name/,
    ],
    [
      [{ type: 'opportunity' }, { type: 'incident', scope: 'tickets:log-opportunity:own' }],
      /two tools have the scope "tickets:log-opportunity:own"/,
    ],
  ])('refuses tools %j at startup', (tools, message) => {
    const error = refusal(tools);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/^CONFIG_INVALID: plugin "ticket-types": /);
    expect((error as Error).message).toMatch(message);
  });
});
