// Builds the MCP Apps views (issue 21): each folder views/<name>/ other than kit/ becomes one
// self-contained dist/views/<name>.html, with its script and styles inline, since the host renders
// it in a sandboxed iframe that may fetch nothing. The server serves these files as
// ui://servicedesk/<name>.
//
//   node scripts/build-views.mjs              write dist/views/
//   node scripts/build-views.mjs --out <dir>  write into <dir> instead
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = dirname(import.meta.dirname);
const viewsDir = join(root, 'views');
const outFlag = process.argv.indexOf('--out');
const outDir =
  outFlag === -1 ? join(root, 'dist', 'views') : resolve(process.argv[outFlag + 1] ?? '');

/** Views are the folders of views/ that have a main.ts; kit/ is the library they share. */
function viewNames() {
  return readdirSync(viewsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
    .filter((entry) => existsSync(join(viewsDir, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

async function bundle(name) {
  const result = await build({
    entryPoints: [join(viewsDir, name, 'main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: join(viewsDir, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`build-views: esbuild wrote nothing for ${name}`);
  return file.text;
}

function styles(name) {
  const own = join(viewsDir, name, 'style.css');
  const parts = [readFileSync(join(viewsDir, 'kit', 'base.css'), 'utf8')];
  if (existsSync(own)) parts.push(readFileSync(own, 'utf8'));
  // Inline <style> ends at the first "</style": no stylesheet of ours should contain it.
  return parts.join('\n').replace(/<\/style/gi, '<\\/style');
}

function escapeTitle(text) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(name, script, css) {
  // "</script" inside the bundle (a string literal, say) would end the inline script early, and
  // "<!--" would switch the HTML parser into its escaped-script state. "<\/" and "\x3C" mean the
  // same as "</" and "<" in a JavaScript string, template or regular expression.
  const safeScript = script.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '\\x3C!--');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeTitle(name)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<script>${safeScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A view may load nothing from the network: the host's sandbox would block it anyway. */
function assertNoExternalUrl(name, html) {
  const found = html.match(/(?:src|href)\s*=\s*["']?\s*https?:|url\(\s*["']?\s*https?:/i);
  if (found) throw new Error(`build-views: ${name}.html refers to an external URL: ${found[0]}`);
}

const names = viewNames();
mkdirSync(outDir, { recursive: true });
for (const name of names) {
  const html = page(name, await bundle(name), styles(name));
  assertNoExternalUrl(name, html);
  writeFileSync(join(outDir, `${name}.html`), html);
  const kb = (statSync(join(outDir, `${name}.html`)).size / 1024).toFixed(1);
  process.stdout.write(`build-views: ${name}.html ${kb} KB\n`);
}
