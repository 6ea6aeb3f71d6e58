import { join } from 'node:path';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/**
 * Bundles a browser entry point (and what it imports from node_modules) into one script, as an
 * IIFE for an inline `<script>`. `</script` inside the bundle is escaped so it cannot end the tag.
 *
 * @example
 * const script = await bundleForBrowser(join(import.meta.dirname, 'browser', 'host-page.ts'));
 */
export async function bundleForBrowser(entryPoint: string): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    // The browser tsconfig (DOM types) belongs to the browser code, not the root one.
    tsconfig: join(import.meta.dirname, 'browser', 'tsconfig.json'),
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error(`esbuild wrote nothing for ${entryPoint}`);
  return text.replaceAll('</script', '<\\/script');
}

/**
 * The test host's page: an empty body and the bundled host (browser/host-page.ts), which defines
 * `window.mountView`. Bundled once per test file.
 *
 * @example
 * await route.fulfill({ contentType: 'text/html', body: await hostPageHtml() });
 */
export function hostPageHtml(): Promise<string> {
  bundled ??= bundleForBrowser(join(import.meta.dirname, 'browser', 'host-page.ts')).then(
    (script) =>
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MCP Apps test host</title>' +
      // A phone lays the page out at its own width, not a desktop one zoomed out.
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<style>html,body{margin:0;background:#fff}</style></head>' +
      `<body><script>${script}</script></body></html>`,
  );
  return bundled;
}
