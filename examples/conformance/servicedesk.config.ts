import { defineCollection, defineConfig } from '../../core/index.js';
import { conformancePlugin, conformanceScope } from '../../plugins/conformance/index.js';

/**
 * The server `npm run conformance` tests: one unauthenticated endpoint (so loopback only) with
 * sessions, because sampling, elicitation and subscriptions need them.
 */
export default defineConfig({
  name: 'servicedesk-mcp conformance',
  plugins: [conformancePlugin()],
  collections: [
    defineCollection({
      id: 'conformance',
      title: 'MCP conformance fixtures',
      description: 'The tools, resources and prompts the MCP conformance suite exercises.',
      plugins: ['conformance'],
      grant: [conformanceScope],
      auth: 'none',
      session: 'stateful',
    }),
  ],
});
