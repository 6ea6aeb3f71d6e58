import { join } from 'node:path';
import { bundleForBrowser } from './host-page-bundle.js';
import type { ViewResource } from './view-resource.js';

/**
 * The harness's own view (fixtures/fixture-view.ts) as a host would get it: one HTML document
 * with its script inline, an empty CSP request.
 *
 * @example
 * const opened = await openView(browser, { client, view: await fixtureView(), call });
 */
export async function fixtureView(): Promise<ViewResource> {
  const script = await bundleForBrowser(join(import.meta.dirname, 'fixtures', 'fixture-view.ts'));
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture view</title>' +
    '<style>:root[data-theme=dark]{background:#111;color:#eee}</style></head>' +
    `<body><script>${script}</script></body></html>`;
  return { html, source: 'fixture' };
}
