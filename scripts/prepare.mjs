// npm's prepare step: compile to dist/, bundle the framework's entries (scripts/bundle.mjs,
// ADR 0036) and build the MCP Apps views (scripts/build-views.mjs), as `npm run build` does, so `npm start` and the CLI run compiled code. A production
// install (`npm ci --omit=dev`) has no TypeScript; it must not fail there, since such an install
// ships the dist/ built in an earlier stage.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    'servicedesk-mcp: TypeScript is not installed (production install); not building dist/\n',
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
const bundled = spawnSync(process.execPath, [join(import.meta.dirname, 'bundle.mjs')], {
  stdio: 'inherit',
});
if (bundled.status !== 0) process.exit(bundled.status ?? 1);
const views = spawnSync(process.execPath, [join(import.meta.dirname, 'build-views.mjs')], {
  stdio: 'inherit',
});
process.exit(views.status ?? 1);
