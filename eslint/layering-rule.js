// @ts-check
// Enforces the dependency direction examples → plugins → core (DESIGN §2) on resolved paths, so
// it holds whatever the relative depth of the importing file:
// - core never imports plugins or examples;
// - plugins and examples reach core only through core/index.ts;
// - a plugin reaches another plugin only through that plugin's index.ts, and only for types
//   (services are handed over by the core at run time, never imported);
// - nothing imports examples except examples and tests;
// - the testing kit (testing/) uses core only through core/index.ts and plugins only through
//   their index.ts, and core never imports it.
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** @param {string} file */
function place(file) {
  const parts = relative(root, file).split(sep);
  return { area: parts[0] ?? '', unit: parts[1] ?? '', path: parts.join('/') };
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
      const typeOnly =
        node.importKind === 'type' ||
        node.exportKind === 'type' ||
        (node.specifiers?.length > 0 &&
          node.specifiers.every(
            (/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type',
          ));
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
        if (to.path !== `plugins/${to.unit}/index.ts` || !typeOnly) {
          report(
            `plugin "${from.unit}" may import plugin "${to.unit}" only as types from its index.ts; use the service the core hands over (declare it in requires)`,
          );
        }
      } else if (
        from.area === 'examples' &&
        to.area === 'plugins' &&
        to.path !== `plugins/${to.unit}/index.ts`
      ) {
        report(`examples use a plugin only through plugins/${to.unit}/index.ts`);
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
