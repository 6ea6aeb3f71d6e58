import { defineCollection, defineConfig } from 'servicedesk-mcp';
import { partsPlugin } from './src/parts-plugin.js';

/** The parts plugin served on its own, for `npx servicedesk-mcp tools --config …`. */
export default defineConfig({
  plugins: [partsPlugin()],
  collections: [
    defineCollection({
      id: 'parts',
      title: 'Parts',
      plugins: ['parts'],
      grant: ['parts:read', 'parts:write:all'],
    }),
  ],
});
