import { defineConfig } from '../../core/index.js';
import example from '../../examples/servicedesk/servicedesk.config.js';
import { exampleCollections, exampleDeskPlugins } from './example-desk.js';

/**
 * The example server with a demo history of 20 tickets, so a child process starts in about a
 * second: its collections, its demo tokens and its built-in authorization server. The database
 * and port come from DATABASE_URL and PORT.
 */
export default defineConfig({
  ...example,
  plugins: exampleDeskPlugins(20),
  collections: exampleCollections(),
});
