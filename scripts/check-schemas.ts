/**
 * `npm run check:schemas`: `servicedesk-mcp tools --collection <id> --check all` for every
 * collection of the example config, on a throw-away SQLite file loaded with the demo desk first
 * (`seed`): tools built from the desk's ticket types (`log_opportunity`, `create_ticket`'s
 * description) are then listed as a client of the example sees them, not as an empty desk's
 * stand-ins. Exits non-zero if any collection lists a construct Copilot Studio, OpenAI or Gemini
 * is documented to reject.
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
  // A few tickets are enough: the listing depends on the desk's types, not its history.
  if ((await main(['seed', '--tickets', '20', '--config', configPath])) !== 0) {
    throw new Error('schema check: could not load the demo desk to list its tools');
  }
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
