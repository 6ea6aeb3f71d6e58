import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { isKebabId } from '../../plugin/plugin-order.js';
import type { StandaloneCommandContext } from '../command.js';
import { choosePluginData, scopeAdvice } from '../scaffold/plugin-data.js';
import { pluginNames } from '../scaffold/plugin-names.js';
import {
  pluginIndexSource,
  pluginTestSource,
  pluginToolSource,
  type TemplateImports,
} from '../scaffold/plugin-templates.js';

/** The folder of the servicedesk-mcp package this command runs from (source or dist alike). */
function frameworkRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'servicedesk-mcp'
    )
      return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('servicedesk-mcp: cannot find its own package.json');
    folder = parent;
  }
}

/** A relative module specifier from `fromFolder` to `file`, NodeNext style (`.js`, `./`). */
function specifier(fromFolder: string, file: string): string {
  const path = relative(fromFolder, file).split(sep).join('/').replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * How the generated files import the framework and its testing kit: inside the servicedesk-mcp
 * repository, the relative paths to core/index.ts and testing/index.ts as its own plugins and
 * tests do; anywhere else, the package's names.
 */
function templateImports(folders: { plugin: string; test: string }): TemplateImports {
  const root = frameworkRoot();
  const inside = (folder: string): boolean => {
    const path = relative(root, folder);
    return !path.startsWith('..') && !isAbsolute(path) && !path.split(sep).includes('node_modules');
  };
  const core = join(root, 'core', 'index.ts');
  const framework = (folder: string): string =>
    inside(folder) ? specifier(folder, core) : 'servicedesk-mcp';
  return {
    frameworkFromPlugin: framework(folders.plugin),
    frameworkFromTool: framework(join(folders.plugin, 'tools')),
    frameworkFromTest: framework(folders.test),
    testingFromTest: inside(folders.test)
      ? specifier(folders.test, join(root, 'testing', 'index.ts'))
      : 'servicedesk-mcp/testing',
    pluginFromTest: specifier(folders.test, join(folders.plugin, 'index.ts')),
  };
}

/** The subset of prettier's API used here. */
interface Prettier {
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  format(source: string, options: Record<string, unknown>): Promise<string>;
}

/**
 * Formats `source` with the project's own prettier and settings, when it has prettier; the
 * templates are already close, but a long id or a deep relative import changes line breaks.
 */
async function formatted(project: string, file: string, source: string): Promise<string> {
  let prettier: Prettier;
  try {
    const path = createRequire(join(project, 'package.json')).resolve('prettier');
    // require.resolve finds prettier's CommonJS entry, whose API arrives as the default export.
    const loaded = (await import(pathToFileURL(path).href)) as Prettier & { default?: Prettier };
    prettier = loaded.default ?? loaded;
  } catch {
    return source;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

/**
 * `new plugin <id> [--dir folder] [--for staff|everyone]`: writes a plugin that passes its own
 * test — `<folder>/plugins/<id>/index.ts`, `<folder>/plugins/<id>/tools/<tool>.ts` and
 * `<folder>/test/plugins/<id>/<id>.test.ts`, the folder being the current directory unless
 * `--dir` names another — formatted with the project's prettier if it has one, and prints its
 * scopes and the next steps. Never overwrites anything. Its scopes depend on who may read the
 * plugin's data: staff only (`<id>:read:all`, `<id>:write:all`; the default, and what a terminal
 * user answering "yes" gets) or everyone (`<id>:read`, `<id>:write:all`).
 *
 * @example
 * await newPluginCommand({ options: {}, positionals: ['plugin', 'parts-catalogue'], cwd, env, out });
 */
export async function newPluginCommand(ctx: StandaloneCommandContext): Promise<number> {
  const id = ctx.positionals[1] ?? '';
  if (!isKebabId(id) || id === 'core') {
    throw new ServiceDeskError(
      'CLI_USAGE',
      `plugin id "${id}" must be kebab-case like every plugin id: lower-case letters, digits and ` +
        'single dashes, starting with a letter, at most 64 characters, and not "core" (e.g. parts-catalogue)',
    );
  }
  const dir = typeof ctx.options['dir'] === 'string' ? ctx.options['dir'] : '.';
  const project = resolve(ctx.cwd, dir);
  const folders = {
    plugin: join(project, 'plugins', id),
    test: join(project, 'test', 'plugins', id),
  };
  const taken = [folders.plugin, folders.test].filter((folder) => existsSync(folder));
  if (taken.length > 0) {
    throw new ServiceDeskError(
      'CLI_REFUSED',
      `${taken.map((folder) => relative(ctx.cwd, folder)).join(' and ')} already ${taken.length > 1 ? 'exist' : 'exists'}; ` +
        'new plugin never overwrites: choose another id or --dir, or remove the folder',
    );
  }
  const { data, how } = await choosePluginData({ id, for: ctx.options['for'], ask: ctx.ask });
  const names = pluginNames(id, data);
  const imports = templateImports(folders);
  const files: [string, string][] = [
    [join(folders.plugin, 'index.ts'), pluginIndexSource(names, imports)],
    [join(folders.plugin, 'tools', `${names.toolFile}.ts`), pluginToolSource(names, imports)],
    [join(folders.test, `${id}.test.ts`), pluginTestSource(names, imports)],
  ];
  for (const [path, source] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await formatted(project, path, source), { flag: 'wx' });
  }
  const shown = (path: string): string => relative(ctx.cwd, path).split(sep).join('/');
  ctx.out(`Created plugin "${id}":`);
  for (const [path] of files) ctx.out(`  ${shown(path)}`);
  for (const line of scopeAdvice(names, how)) ctx.out(line);
  ctx.out('Next steps:');
  ctx.out(`  1. Run its test:   npx vitest run ${shown(files[2]![0])}`);
  ctx.out(
    `  2. Serve it: in your config add ${names.factory}() to plugins, and a collection with ` +
      `plugins: ['${id}'] and grant: ['${names.scope}'].`,
  );
  ctx.out(
    `  3. Replace ${names.tool} with real tools; docs/writing-a-plugin.md shows tables, scopes and tests.`,
  );
  return 0;
}
