/**
 * `npm run check:schemas`: `servicedesk-mcp tools --collection <id> --check all` for every
 * collection of the example config, on a throw-away SQLite file. Exits non-zero if any
 * collection lists a construct Copilot Studio, OpenAI or Gemini is documented to reject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../core/cli/main.js';
import config from '../examples/servicedesk/servicedesk.config.js';

const configPath = 'examples/servicedesk/servicedesk.config.ts';
const folder = mkdtempSync(join(tmpdir(), 'sdm-schema-check-'));
process.env['DATABASE_URL'] = join(folder, 'check.db');
let failed = 0;
try {
  for (const collection of config.collections) {
    const code = await main([
      'tools',
      '--collection',
      collection.id,
      '--check',
      'all',
      '--config',
      configPath,
    ]);
    if (code !== 0) failed++;
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(
  failed === 0
    ? `schema check: ${config.collections.length} collection(s) pass every client's documented rules`
    : `schema check: ${failed} collection(s) list constructs a client rejects`,
);
process.exit(failed === 0 ? 0 : 1);
