import { afterEach, describe, expect, it } from 'vitest';
import { createServer, defineCollection } from '../../../core/index.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { ticketTypeToolsPlugin } from '../../../plugins/ticket-types/index.js';
import { testEngines } from '../../helpers/test-databases.js';

describe.each(testEngines)('ticket-type tools on an empty desk on $engine', (engine) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  const start = async (purpose: 'serve' | 'command') => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    return createServer(
      {
        plugins: [deskPlugin(), ticketTypeToolsPlugin({ tools: [{ type: 'opportunity' }] })],
        // Selecting the tool by name: it must exist even before the desk is loaded.
        collections: [
          defineCollection({
            id: 'agent',
            title: 'Agent Functions',
            plugins: ['ticket-types'],
            tools: ['log_opportunity'],
            grant: ['tickets:write:all', 'tickets:log-opportunity:own'],
          }),
        ],
        databaseUrl: database.url,
        log: { level: 'silent' },
      },
      { env: {}, purpose },
    );
  };

  it('refuses to serve, saying the desk must be loaded first', async () => {
    await expect(start('serve')).rejects.toThrow(
      'CONFIG_INVALID: plugin "ticket-types": tools[0] (log_opportunity) names ticket type ' +
        '"opportunity", which the desk does not have; known types: none (load the desk first: ' +
        'servicedesk-mcp seed)',
    );
  });

  it('lets a command such as seed start with the tool, so the desk can be loaded', async () => {
    const server = await start('command');
    await server.close();
  });
});
