import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder } from '../helpers/temp-folder.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));

/** Static imports and re-exports of a compiled file (not `import()`: that loads on demand). */
function staticImports(source: string): string[] {
  const pattern =
    /^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gms;
  return [...source.matchAll(pattern)].map((match) => (match[1] ?? match[2])!);
}

/** The packages a bundle file loads at once, following its static imports through the chunks. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('scripts/bundle.mjs', () => {
  const work = createTempFolder('bundle');
  const out = join(work.path, 'dist');

  beforeAll(async () => {
    await run(process.execPath, [join(repository, 'scripts', 'bundle.mjs'), '--out', out]);
    // Bare imports from the bundle and the script below resolve to this repository's packages.
    symlinkSync(join(repository, 'node_modules'), join(work.path, 'node_modules'), 'dir');
    writeFileSync(join(work.path, 'package.json'), '{ "type": "module" }');
    copyFileSync(
      fileURLToPath(new URL('./bundle/cross-copy.mjs', import.meta.url)),
      join(work.path, 'cross-copy.mjs'),
    );
  }, 120_000);
  afterAll(() => work.remove());

  it('writes each entry where tsc writes it and the shared code as chunks beside core', () => {
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.split('\\').join('/'));
    const entries = ['core/index.js', 'core/cli/main.js', 'testing/index.js'];
    for (const plugin of readdirSync(join(repository, 'plugins'))) {
      for (const file of ['index', 'api']) {
        if (existsSync(join(repository, 'plugins', plugin, `${file}.ts`)))
          entries.push(`plugins/${plugin}/${file}.js`);
      }
    }
    expect(files).toEqual(expect.arrayContaining(entries));
    expect(entries).toContain('plugins/desk/api.js');
    const others = files.filter((file) => !entries.includes(file));
    expect(others.filter((file) => !file.startsWith('core/chunks/'))).toEqual([]);
  });

  it('keeps what a minimal start does not use out of the static graph of the CLI and the entry', () => {
    const serve = readdirSync(join(out, 'core', 'chunks')).find((file) =>
      /^serve-\w+\.js$/.test(file),
    );
    expect(serve).toBeDefined();
    const loaded = new Set([
      ...packagesLoadedBy(join(out, 'core', 'cli', 'main.js')),
      ...packagesLoadedBy(join(out, 'core', 'chunks', serve!)),
      ...packagesLoadedBy(join(out, 'core', 'index.js')),
    ]);
    const lazy = ['oidc-provider', 'jose', 'pg', 'simple-oauth2', 'better-sqlite3', 'tsx'];
    expect([...loaded].filter((name) => lazy.includes(name) || name.includes('/client/'))).toEqual(
      [],
    );
    // Everything else on that path is bundled but zod, which every plugin imports from
    // node_modules anyway: a bundled copy would load beside it.
    expect([...loaded].filter((name) => name !== 'zod' && !name.startsWith('zod/'))).toEqual([]);
  });

  it("serves a plugin built with node_modules' zod and kysely beside the bundled Kysely", async () => {
    const { stdout } = await run(process.execPath, ['cross-copy.mjs'], { cwd: work.path });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report['inputSchema']).toEqual({
      type: 'object',
      properties: {
        n: { type: 'integer', minimum: 1, description: 'A positive whole number, e.g. 4' },
        label: { type: 'string', maxLength: 5, description: 'A short label' },
      },
      required: ['n', 'label'],
      additionalProperties: false,
    });
    expect(report['outputSchema']).toMatchObject({
      type: 'object',
      required: ['n', 'plusOne', 'rows', 'label'],
    });
    expect(report['ok']).toEqual({
      isError: false,
      structured: { n: 4, plusOne: 5, rows: 2, label: 'four' },
    });
    expect(report['bad']).toEqual({
      isError: true,
      text:
        'Invalid arguments for tool echo_sum: n: Too small: expected number to be >=1; ' +
        'label: Too big: expected string to have <=5 characters. ' +
        'Correct these arguments and call echo_sum again.',
    });
    expect(report['broken']).toMatchObject({
      isError: true,
      text: expect.stringContaining('does not match its declared output') as unknown,
    });
  }, 60_000);

  it('loads oidc-provider from the bundle without its "Unsupported runtime" line (ADR 0021)', async () => {
    const chunks = readdirSync(join(out, 'core', 'chunks')).filter((file) => file.endsWith('.js'));
    const loader = chunks.filter((file) =>
      /\bimport\(\s*["']oidc-provider["']\s*\)/.test(
        readFileSync(join(out, 'core', 'chunks', file), 'utf8'),
      ),
    );
    expect(loader).toHaveLength(1);
    const { stderr } = await run(
      process.execPath,
      ['--input-type=module', '--eval', `await import('./dist/core/chunks/${loader[0]!}');`],
      { cwd: work.path },
    );
    expect(stderr).not.toContain('Unsupported runtime');
  });

  it('names no path of the machine that built it, and maps the bundles to the source files', () => {
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
    const code = files.filter((file) => file.endsWith('.js'));
    expect(
      code.filter((file) => readFileSync(join(out, file), 'utf8').includes(repository)),
    ).toEqual([]);
    const maps = files.filter((file) => file.endsWith('.js.map'));
    expect(maps).toHaveLength(code.length);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(out, map), 'utf8')) as { sources: string[] };
      // Ours must resolve; a dependency's map may name sources its package does not ship.
      const missing = sources
        .filter((source) => !source.includes('node_modules/'))
        .filter((source) => !existsSync(resolve(out, dirname(map), source)));
      expect(missing, map).toEqual([]);
    }
  });
});
