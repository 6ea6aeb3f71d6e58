import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layeringRule } from '../../eslint/layering-rule.js';

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

  it('lets a plugin import another plugin only as types from its index.ts', async () => {
    expect(
      await problems(
        'plugins/tickets/tools/t.ts',
        "import type { Desk } from '../../desk/index.js';",
      ),
    ).toEqual([]);
    expect(
      await problems('plugins/tickets/tools/t.ts', "import { desk } from '../../desk/index.js';"),
    ).toEqual([expect.stringMatching(/only as types/)]);
    expect(
      await problems('plugins/tickets/t.ts', "import type { Row } from '../desk/schema.js';"),
    ).toHaveLength(1);
    expect(
      await problems('plugins/tickets/tools/t.ts', "import { schema } from '../schema.js';"),
    ).toEqual([]);
  });

  it('keeps examples out of plugins and core internals', async () => {
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
        "import { d } from '../../plugins/diagnostics/tools/ping.js';",
      ),
    ).toHaveLength(1);
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
