import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceDeskError } from '../errors/servicedesk-error.js';

const packageName = 'servicedesk-mcp';

let root: string | undefined;

/** The folder of this package's package.json, from the sources, dist/ or node_modules alike. */
function packageRoot(): string {
  return (root ??= findPackageRoot());
}

function findPackageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === packageName) return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new ServiceDeskError(
        'VIEW_UNAVAILABLE',
        `cannot find the ${packageName} package around ${fileURLToPath(import.meta.url)}`,
      );
    }
    folder = parent;
  }
}

/**
 * Reads one of the framework's own views, which `npm install` and `npm run build` write to
 * `dist/views/<name>.html` (`scripts/build-views.mjs`). For `defineView({ html })`; a missing
 * file throws VIEW_UNAVAILABLE saying how to build it.
 *
 * @example
 * defineView({ uri: 'ui://servicedesk/ticket-card', name: 'ticket-card',
 *   html: () => bundledViewHtml('ticket-card') });
 */
export function bundledViewHtml(name: string): string {
  const file = join(packageRoot(), 'dist', 'views', `${name}.html`);
  if (!existsSync(file)) {
    throw new ServiceDeskError(
      'VIEW_UNAVAILABLE',
      `view "${name}" is not built: ${file} is missing; run npm run build (npm install does it too)`,
    );
  }
  return readFileSync(file, 'utf8');
}
