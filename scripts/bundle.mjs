// The second half of `npm run build` (ADR 0036): after tsc has written dist/ (the .d.ts files,
// plugins, examples, bench), the entries of the framework and its plugins are replaced by esbuild
// bundles, so a start loads a few files instead of hundreds of modules.
//
//   node scripts/bundle.mjs              bundle into dist/, remove tsc's core, testing and plugin
//                                        .js files, check every relative import in dist/
//   node scripts/bundle.mjs --out <dir>  only write the bundles under <dir> (tests use this)
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const root = dirname(import.meta.dirname);
const dist = join(root, 'dist');

/**
 * What dist/ consumers import: the package's two entries, the CLI (bin/servicedesk-mcp.js), and
 * each plugin's index.ts and api.ts (what configs, the testing kit and other plugins import). They
 * share chunks, so a plugin's code, like the core's, exists once in a process.
 */
function entryPoints() {
  const plugins = readdirSync(join(root, 'plugins')).flatMap((plugin) =>
    ['index.ts', 'api.ts']
      .map((file) => `plugins/${plugin}/${file}`)
      .filter((file) => existsSync(join(root, file))),
  );
  return ['core/index.ts', 'testing/index.ts', 'core/cli/main.ts', ...plugins];
}

/**
 * Loaded from node_modules, not bundled: native addons and what only some configs use (kept lazy
 * by ADR 0033's import() calls), tsx (a loader), prettier (the scaffold's optional formatter), the
 * SDK client, whose errors a consumer's test checks with `instanceof` against its own import, and
 * zod: every plugin imports it from node_modules to write its schemas, so a bundled copy would
 * only be loaded beside it.
 */
const external = [
  'better-sqlite3',
  'pg',
  'oidc-provider',
  'jose',
  'simple-oauth2',
  'tsx',
  'tsx/*',
  'prettier',
  '@modelcontextprotocol/sdk/client/*',
  'zod',
  'zod/*',
  'ioredis',
  'rate-limiter-flexible',
  'prom-client',
  '@opentelemetry/*',
];

/**
 * A plugin's own imports of the SDK stay imports of node_modules: the external MCP plugin checks
 * `instanceof McpError` on errors from the SDK client, which is external, so both must be one copy.
 */
const pluginsShareTheSdkClientsCopy = {
  name: 'plugins-share-the-sdk-clients-copy',
  setup(context) {
    context.onResolve({ filter: /^@modelcontextprotocol\/sdk\// }, (args) =>
      relative(root, args.importer).split(sep)[0] === 'plugins'
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/** Every .js and .js.map file under `folder` (tsc's per-module output, or an older bundle). */
function compiledFiles(folder) {
  const found = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...compiledFiles(path));
    else if (name.endsWith('.js') || name.endsWith('.js.map')) found.push(path);
  }
  return found;
}

/** Relative module specifiers in a compiled file: static imports, re-exports and import() calls. */
function relativeImports(source) {
  const pattern =
    /(?:^(?:import|export)\b[^;]*?\bfrom\s*|^import\s*|\bimport\(\s*)["'](\.{1,2}\/[^"'$]+)["']/gms;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** The dist/ folders whose code the bundles hold; tsc's per-module files there are removed. */
const bundledFolders = ['core', 'testing', 'plugins'];
const isBundled = (path) => bundledFolders.includes(relative(dist, path).split(sep)[0]);

/**
 * Plugin modules that tsc's compiled examples and bench import below a plugin's index or api
 * (the bench reuses a tool's function and the demo seed): entries too, sharing the chunks.
 */
function deepPluginImports() {
  const found = new Set();
  for (const folder of ['examples', 'bench'].map((name) => join(dist, name))) {
    if (!existsSync(folder)) continue;
    for (const file of compiledFiles(folder).filter((path) => path.endsWith('.js'))) {
      for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
        const source = relative(dist, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts');
        if (source.startsWith(`plugins${sep}`) && existsSync(join(root, source)))
          found.add(source.split(sep).join('/'));
      }
    }
  }
  return [...found];
}

/**
 * Every relative import in dist/ names a file that exists, and code outside the bundles reaches
 * them only through their entries: one copy of the framework and its plugins per process.
 */
function importProblems(entries) {
  const entryFiles = new Set(entries.map((entry) => join(dist, entry.replace(/\.ts$/, '.js'))));
  const problems = [];
  for (const file of compiledFiles(dist).filter((path) => path.endsWith('.js'))) {
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      const from = relative(root, file);
      if (!existsSync(target)) problems.push(`${from} imports ${specifier}, which does not exist`);
      else if (!isBundled(file) && isBundled(target) && !entryFiles.has(target))
        problems.push(`${from} imports ${specifier}; import the framework's entry instead`);
    }
  }
  return problems;
}

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : dist;
const entries = [...new Set([...entryPoints(), ...(out === dist ? deepPluginImports() : [])])];

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: out,
  outbase: '.',
  entryNames: '[dir]/[name]',
  chunkNames: 'core/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Linked maps name the source files in stack traces under --enable-source-maps, as tsc's did.
  sourcemap: 'linked',
  external,
  plugins: [pluginsShareTheSdkClientsCopy],
  // Bundled CommonJS dependencies (Koa and its middleware) call require() for Node's modules.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  write: false,
});

// tsc's copies of the bundled modules are removed (their .d.ts files stay), so a deep import of
// dist/core/x.js fails at once instead of loading a second copy of a core module. Only after
// esbuild succeeded: a failed bundle leaves tsc's dist/ working.
if (out === dist) {
  for (const folder of bundledFolders) {
    for (const file of compiledFiles(join(dist, folder))) rmSync(file);
  }
}
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.contents);
}
const problems = out === dist ? importProblems(entries) : [];
if (problems.length > 0) {
  process.stderr.write(
    `servicedesk-mcp bundle: broken imports in dist/:\n${problems.join('\n')}\n`,
  );
  process.exit(1);
}
