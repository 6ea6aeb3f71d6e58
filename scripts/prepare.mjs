// npm's prepare step: compile to dist/ so `npm start` and the CLI run compiled code. A production
// install (`npm ci --omit=dev`) has no TypeScript; it must not fail there, since such an install
// ships the dist/ built in an earlier stage.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

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
process.exit(result.status ?? 1);
