import { ESLint } from 'eslint';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredRequires, layeringRule } from '../../eslint/layering-rule.js';
import { createTempFolder } from '../helpers/temp-folder.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { servicedesk: { rules: { layering: layeringRule } } },
      rules: { 'servicedesk/layering': 'error' },
    },
  ],
});

/**
 * The rule's messages for `code` as if it were the file at `filePath` (which need not exist).
 * The plugins' own entries are real: plugins/tickets/index.ts declares requires: ['desk'] and
 * optionalRequires: ['ai-assist'], plugins/people/index.ts requires: ['desk'], and
 * plugins/diagnostics/index.ts requires nothing.
 */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('layering rule (examples → plugins → core)', () => {
  it('refuses core importing a plugin or an example', async () => {
    expect(
      await problems('core/server/x.ts', "import { a } from '../../plugins/diagnostics/index.js';"),
    ).toEqual([expect.stringMatching(/core must not import plugins/)]);
    expect(
      await problems('core/x.ts', "import { a } from '../examples/demo/servicedesk.config.js';"),
    ).toHaveLength(1);
  });

  it('lets plugins reach core only through core/index.ts', async () => {
    expect(
      await problems(
        'plugins/p/tools/t.ts',
        "import { defineTool } from '../../../core/index.js';",
      ),
    ).toEqual([]);
    expect(
      await problems('plugins/p/tools/t.ts', "import { x } from '../../../core/mcp/call-tool.js';"),
    ).toEqual([expect.stringMatching(/use only core\/index.ts/)]);
  });

  it("lets a plugin import another plugin's api.ts, values and types, when it requires it", async () => {
    expect(
      await problems(
        'plugins/tickets/tools/t.ts',
        "import { deskStoreRef, type DeskStore } from '../../desk/api.js';",
      ),
    ).toEqual([]);
    expect(
      await problems('plugins/tickets/t.ts', "export type { Ticket } from '../desk/api.js';"),
    ).toEqual([]);
    // optionalRequires counts too: tickets uses ai-assist's triage when it is configured.
    expect(
      await problems(
        'plugins/tickets/t.ts',
        "import { ticketTriageRef } from '../ai-assist/api.js';",
      ),
    ).toEqual([]);
    expect(
      await problems('plugins/tickets/tools/t.ts', "import { schema } from '../schema.js';"),
    ).toEqual([]);
  });

  it('refuses an api.ts import the plugin does not declare, saying what to add', async () => {
    expect(
      await problems(
        'plugins/people/t.ts',
        "import { ticketTriageRef } from '../ai-assist/api.js';",
      ),
    ).toEqual([
      'plugin "people" imports plugins/ai-assist/api.ts without declaring the dependency: ' +
        "add 'ai-assist' to requires in plugins/people/index.ts " +
        '(or to optionalRequires, when it checks services.has and works without "ai-assist")',
    ]);
    expect(
      await problems(
        'plugins/diagnostics/t.ts',
        "import type { DeskStore } from '../desk/api.js';",
      ),
    ).toEqual([expect.stringContaining("add 'desk' to requires in plugins/diagnostics/index.ts")]);
  });

  it('refuses any other module of another plugin, value or type, naming what to import from api.ts', async () => {
    expect(
      await problems('plugins/tickets/t.ts', "import { deskPlugin } from '../desk/index.js';"),
    ).toEqual([
      'plugin "tickets" may use plugin "desk" only through its api module, not plugins/desk/index.ts: ' +
        'import deskPlugin from plugins/desk/api.ts ' +
        '(what plugins/desk/api.ts does not export is internal to plugin "desk")',
    ]);
    expect(
      await problems(
        'plugins/tickets/tools/t.ts',
        "import type { DeskStore, Ticket } from '../../desk/index.js';",
      ),
    ).toEqual([expect.stringContaining('import DeskStore, Ticket from plugins/desk/api.ts (')]);
    expect(
      await problems(
        'plugins/diagnostics/t.ts',
        "import { deskStoreRef } from '../desk/store/desk-store.js';",
      ),
    ).toEqual([
      expect.stringContaining(
        "import deskStoreRef from plugins/desk/api.ts and add 'desk' to requires in plugins/diagnostics/index.ts",
      ),
    ]);
    expect(
      await problems('plugins/tickets/t.ts', "import type { Row } from '../desk/schema.js';"),
    ).toHaveLength(1);
    expect(
      await problems(
        'plugins/tickets/t.ts',
        "export type { DeskStore } from '../desk/store/desk-store.js';",
      ),
    ).toEqual([expect.stringContaining('import DeskStore from plugins/desk/api.ts')]);
    expect(
      await problems(
        'plugins/tickets/t.ts',
        "export const load = () => import('../desk/index.js');",
      ),
    ).toEqual([expect.stringContaining('only through its api module')]);
  });

  it('says requires must be a literal array when the importing plugin has no readable one', async () => {
    expect(
      await problems(
        'plugins/no-such-plugin/t.ts',
        "import { deskStoreRef } from '../desk/api.js';",
      ),
    ).toEqual([
      expect.stringMatching(
        /plugins\/no-such-plugin\/index.ts does not exist; requires must be a literal array of plugin ids/,
      ),
    ]);
  });

  it('keeps examples out of plugins and core internals; they use index.ts or api.ts', async () => {
    expect(
      await problems('plugins/p/index.ts', "import { x } from '../../examples/demo/x.js';"),
    ).toHaveLength(1);
    expect(
      await problems(
        'examples/demo/c.ts',
        "import { d } from '../../plugins/diagnostics/index.js';",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'examples/demo/c.ts',
        "import { deskStoreRef } from '../../plugins/desk/api.js';",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'examples/demo/c.ts',
        "import { d } from '../../plugins/diagnostics/tools/ping.js';",
      ),
    ).toEqual([
      'examples use a plugin only through plugins/diagnostics/index.ts or plugins/diagnostics/api.ts',
    ]);
  });
});

describe('declaredRequires (how the rule reads a plugin entry)', () => {
  const folder = createTempFolder('layering-requires');
  afterAll(() => folder.remove());
  const entry = (name: string, source: string): string => {
    const file = folder.file(`${name}.ts`);
    writeFileSync(file, source);
    return file;
  };

  it('reads the literal requires and optionalRequires of the definePlugin call', () => {
    const file = entry(
      'literal',
      "export const p = () => definePlugin({ id: 'noc', requires: ['desk', 'tickets'] as const, optionalRequires: ['ai-assist'] });",
    );
    expect(declaredRequires(file)).toEqual({ ids: ['desk', 'tickets', 'ai-assist'] });
    expect(declaredRequires(entry('none', "definePlugin({ id: 'noc' });"))).toEqual({ ids: [] });
  });

  it.each([
    ['a variable', "const deps = ['desk']; definePlugin({ id: 'noc', requires: deps });"],
    ['a spread element', "definePlugin({ id: 'noc', requires: [...base, 'desk'] });"],
    ['a spread hiding it', "definePlugin({ id: 'noc', ...shared });"],
    ['no definePlugin call', "export const noc = make({ requires: ['desk'] });"],
  ])('says requires must be a literal array for %s', (name, source) => {
    expect(declaredRequires(entry(name.replace(/ /g, '-'), source))).toEqual({
      problem: expect.stringMatching(/requires must be a literal array of plugin ids/),
    });
  });

  it('builds the testing kit on core/index.ts and plugin entries, and keeps core off it', async () => {
    expect(await problems('testing/x.ts', "import { a } from '../core/index.js';")).toEqual([]);
    expect(await problems('testing/x.ts', "import { d } from '../plugins/desk/index.js';")).toEqual(
      [],
    );
    expect(
      await problems('testing/x.ts', "import { a } from '../core/tool/define-tool.js';"),
    ).toEqual([expect.stringMatching(/testing uses only core\/index.ts/)]);
    expect(
      await problems('testing/x.ts', "import { s } from '../plugins/desk/store/desk-store.js';"),
    ).toEqual([expect.stringMatching(/through plugins\/desk\/index.ts/)]);
    expect(
      await problems('testing/x.ts', "import { c } from '../examples/servicedesk/runbooks.js';"),
    ).toEqual([expect.stringMatching(/testing must not import examples/)]);
    expect(await problems('core/x.ts', "import { t } from '../testing/index.js';")).toEqual([
      expect.stringMatching(/core must not import testing/),
    ]);
  });
});
