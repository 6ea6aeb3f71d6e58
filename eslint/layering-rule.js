// @ts-check
// Enforces the dependency direction examples → plugins → core (DESIGN §2) on resolved paths, so
// it holds whatever the relative depth of the importing file:
// - core never imports plugins or examples;
// - plugins and examples reach core only through core/index.ts;
// - a plugin reaches another plugin only through that plugin's api module, plugins/<x>/api.ts
//   (its service refs, public types, error codes and extension points), and only when its own
//   plugins/<from>/index.ts lists <x> in the literal `requires` (or `optionalRequires`) array of
//   its definePlugin call; the services themselves are handed over by the core;
// - examples reach a plugin through its index.ts or its api.ts;
// - nothing imports examples except examples and tests;
// - the testing kit (testing/) uses core only through core/index.ts and plugins only through
//   their index.ts, and core never imports it.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** @param {string} file */
function place(file) {
  const parts = relative(root, file).split(sep);
  return { area: parts[0] ?? '', unit: parts[1] ?? '', path: parts.join('/') };
}

/**
 * @typedef {{ readonly ids: readonly string[] } | { readonly problem: string }} DeclaredRequires
 */

/** @type {Map<string, { mtimeMs: number; declared: DeclaredRequires }>} */
const declaredCache = new Map();

/** @param {any} node */
function unwrap(node) {
  let current = node;
  while (
    current &&
    (current.type === 'TSAsExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'TSNonNullExpression')
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The object literals given to `definePlugin(...)` in a module's AST.
 * @param {any} node
 * @param {any[]} found
 */
function definePluginObjects(node, found) {
  if (node === null || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    for (const child of node) definePluginObjects(child, found);
    return found;
  }
  if (
    node.type === 'CallExpression' &&
    node.callee?.type === 'Identifier' &&
    node.callee.name === 'definePlugin'
  ) {
    const argument = unwrap(node.arguments?.[0]);
    if (argument?.type === 'ObjectExpression') found.push(argument);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'parent' && key !== 'loc' && key !== 'range') definePluginObjects(child, found);
  }
  return found;
}

/**
 * The plugin ids a plugin's entry declares in `requires` and `optionalRequires`, read from the
 * literal arrays of its `definePlugin({...})` call; or, when they are not literal arrays of
 * strings (or there is no such call), why lint cannot tell.
 *
 * @example
 * declaredRequires('/repo/plugins/tickets/index.ts') // { ids: ['desk', 'ai-assist'] }
 *
 * @param {string} indexFile absolute path of plugins/<id>/index.ts
 * @returns {DeclaredRequires}
 */
export function declaredRequires(indexFile) {
  const shown = relative(root, indexFile).split(sep).join('/');
  const literal = `requires must be a literal array of plugin ids in the definePlugin({...}) call of ${shown}, e.g. requires: ['desk'], so lint can check imports against it`;
  let mtimeMs;
  try {
    mtimeMs = statSync(indexFile).mtimeMs;
  } catch {
    return { problem: `${shown} does not exist; ${literal}` };
  }
  const cached = declaredCache.get(indexFile);
  if (cached?.mtimeMs === mtimeMs) return cached.declared;
  /** @type {DeclaredRequires} */
  let declared;
  try {
    const { ast } = tseslint.parser.parseForESLint(readFileSync(indexFile, 'utf8'), {
      sourceType: 'module',
      ecmaVersion: 'latest',
      filePath: indexFile,
    });
    const objects = definePluginObjects(ast.body, []);
    /** @type {string[]} */
    const ids = [];
    let problem = objects.length === 0 ? literal : undefined;
    let spread = false;
    let found = false;
    for (const object of objects) {
      for (const property of object.properties) {
        const key = property.type === 'Property' ? property.key : undefined;
        const name = key?.type === 'Identifier' ? key.name : key?.value;
        spread ||= property.type === 'SpreadElement';
        if (name !== 'requires' && name !== 'optionalRequires') continue;
        found = true;
        const value = unwrap(property.value);
        const elements = value?.type === 'ArrayExpression' ? value.elements : undefined;
        if (
          property.computed ||
          !elements ||
          !elements.every(
            (/** @type {any} */ e) => e?.type === 'Literal' && typeof e.value === 'string',
          )
        ) {
          problem = literal;
          continue;
        }
        for (const element of elements) ids.push(element.value);
      }
    }
    // A spread may hide a requires that lint cannot read.
    if (spread && !found) problem = literal;
    declared = problem === undefined ? { ids } : { problem };
  } catch (error) {
    declared = { problem: `${shown} could not be parsed (${String(error)}); ${literal}` };
  }
  declaredCache.set(indexFile, { mtimeMs, declared });
  return declared;
}

/**
 * What an import brings in, for the message: its names, or a description.
 * @param {any} node
 */
function importedNames(node) {
  if (node.type === 'ExportAllDeclaration') return 'what it needs';
  /** @type {string[]} */
  const names = (node.specifiers ?? []).map((/** @type {any} */ s) => {
    if (s.type === 'ImportDefaultSpecifier') return 'default';
    if (s.type === 'ImportNamespaceSpecifier') return 'what it needs';
    const name = s.type === 'ExportSpecifier' ? s.local : s.imported;
    return name?.type === 'Identifier' ? name.name : String(name?.value);
  });
  return names.length === 0 ? 'what it needs' : [...new Set(names)].join(', ');
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: { type: 'problem', schema: [], messages: { wrong: '{{why}}' } },
  create(context) {
    const from = place(context.filename);
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      // A `.js` specifier names the `.ts` source beside it (NodeNext resolution).
      const to = place(resolve(dirname(context.filename), source.replace(/\.js$/, '.ts')));
      /** @param {string} why */
      const report = (why) => context.report({ node, messageId: 'wrong', data: { why } });
      if (from.area === 'core' && (to.area === 'plugins' || to.area === 'examples')) {
        report(
          'core must not import plugins or examples (imports point examples → plugins → core)',
        );
      } else if (
        (from.area === 'plugins' || from.area === 'examples') &&
        to.area === 'core' &&
        to.path !== 'core/index.ts'
      ) {
        report(
          `${from.area} use only core/index.ts, the public API; export what you need from there`,
        );
      } else if (from.area === 'plugins' && to.area === 'examples') {
        report('plugins must not import examples');
      } else if (from.area === 'plugins' && to.area === 'plugins' && to.unit !== from.unit) {
        const api = `plugins/${to.unit}/api.ts`;
        const entry = `plugins/${from.unit}/index.ts`;
        const declared = declaredRequires(join(root, 'plugins', from.unit, 'index.ts'));
        const unreadable = 'problem' in declared ? declared.problem : undefined;
        const required = 'ids' in declared && declared.ids.includes(to.unit);
        const addRequires = `add '${to.unit}' to requires in ${entry}`;
        if (to.path !== api) {
          report(
            `plugin "${from.unit}" may use plugin "${to.unit}" only through its api module, not ${to.path}: ` +
              `import ${importedNames(node)} from ${api}` +
              (required || unreadable !== undefined ? '' : ` and ${addRequires}`) +
              ` (what ${api} does not export is internal to plugin "${to.unit}")` +
              (unreadable === undefined ? '' : `; and its requires cannot be read: ${unreadable}`),
          );
        } else if (unreadable !== undefined) {
          report(
            `plugin "${from.unit}" imports ${api}, but its requires cannot be read: ${unreadable}`,
          );
        } else if (!required) {
          report(
            `plugin "${from.unit}" imports ${api} without declaring the dependency: ${addRequires} ` +
              `(or to optionalRequires, when it checks services.has and works without "${to.unit}")`,
          );
        }
      } else if (
        from.area === 'examples' &&
        to.area === 'plugins' &&
        to.path !== `plugins/${to.unit}/index.ts` &&
        to.path !== `plugins/${to.unit}/api.ts`
      ) {
        report(
          `examples use a plugin only through plugins/${to.unit}/index.ts or plugins/${to.unit}/api.ts`,
        );
      }
      if (from.area === 'core' && to.area === 'testing') {
        report('core must not import testing (the testing kit is built on core/index.ts)');
      } else if (from.area === 'testing') {
        if (to.area === 'core' && to.path !== 'core/index.ts') {
          report(
            'testing uses only core/index.ts, the public API; export what you need from there',
          );
        } else if (to.area === 'examples') {
          report('testing must not import examples');
        } else if (to.area === 'plugins' && to.path !== `plugins/${to.unit}/index.ts`) {
          report(`testing uses a plugin only through plugins/${to.unit}/index.ts`);
        }
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
