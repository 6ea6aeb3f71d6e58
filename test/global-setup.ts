import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest's global setup: builds the MCP Apps views once before any test, so a test that serves
 * or loads dist/views/<name>.html never sees a stale build.
 *
 * @example
 * // vitest.config.ts
 * defineConfig({ test: { globalSetup: ['test/global-setup.ts'] } });
 */
export function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-views.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
