import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { newPluginCommand } from '../../../core/cli/commands/new-plugin.js';
import { pluginNames } from '../../../core/cli/scaffold/plugin-names.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { runCli } from './run-cli.js';

const run = promisify(execFile);

/**
 * A folder inside the repository (test-results/ is git-ignored), because the generated files
 * must resolve the framework as a project beside it would; removed afterwards.
 */
function repositoryTempFolder(): string {
  const folder = join('test-results', `new-plugin-${process.pid}-${Date.now()}`);
  mkdirSync(folder, { recursive: true });
  return folder;
}

const generated = (id: string, tool: string): string[] => [
  `plugins/${id}/index.ts`,
  `plugins/${id}/tools/${tool}.ts`,
  `test/plugins/${id}/${id}.test.ts`,
];

describe('servicedesk-mcp new plugin: refusals', () => {
  const folder = createTempFolder('new-plugin');
  afterAll(() => folder.remove());

  it.each([
    'Parts',
    'parts_catalogue',
    '1parts',
    'parts--catalogue',
    'parts-',
    'core',
    'a'.repeat(65),
  ])('refuses the id %j with CLI_USAGE naming the rule, writing nothing', async (id) => {
    const refused = await runCli(['new', 'plugin', id, '--dir', folder.path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `servicedesk-mcp new: CLI_USAGE: plugin id "${id}" must be kebab-case`,
    );
    expect(refused.stderr).toContain('lower-case letters, digits and single dashes');
    expect(existsSync(join(folder.path, 'plugins'))).toBe(false);
  });

  it.each([
    [['new'], /CLI_USAGE: missing <kind>.*one of plugin/],
    [['new', 'plugin'], /CLI_USAGE: missing <id>/],
    [['new', 'widget', 'parts'], /CLI_USAGE: kind "widget" is not one of plugin/],
    [['new', 'plugin', 'parts', 'extra'], /CLI_USAGE: unexpected argument "extra"/],
    [['new', 'plugin', 'parts', '--force'], /--force/],
    [
      ['new', 'plugin', 'parts', '--for', 'managers'],
      /CLI_USAGE: --for is "managers"; use --for staff .*parts:read:all.*or --for everyone .*parts:read/,
    ],
  ])('refuses %j', async (argv, message) => {
    const refused = await runCli([...argv, '--dir', folder.path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(message);
    expect(existsSync(join(folder.path, 'plugins'))).toBe(false);
  });

  it('refuses to overwrite a plugin folder with CLI_REFUSED, leaving it as it was', async () => {
    const first = await runCli(['new', 'plugin', 'kept', '--dir', folder.path]);
    expect(first.code, first.stderr).toBe(0);
    const index = join(folder.path, 'plugins', 'kept', 'index.ts');
    writeFileSync(index, '// edited by hand\n');
    rmSync(join(folder.path, 'test'), { recursive: true });
    const again = await runCli(['new', 'plugin', 'kept', '--dir', folder.path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /CLI_REFUSED: .*plugins\/kept already exists; new plugin never overwrites/,
    );
    expect(readFileSync(index, 'utf8')).toBe('// edited by hand\n');
    expect(existsSync(join(folder.path, 'test'))).toBe(false);
  });

  it('needs no config, and imports the framework by package name outside this repository', async () => {
    const previous = process.env['SERVICEDESK_CONFIG'];
    process.env['SERVICEDESK_CONFIG'] = join(folder.path, 'no-such.config.ts');
    try {
      const made = await runCli(['new', 'plugin', 'outside', '--dir', folder.path]);
      expect(made.code, made.stderr).toBe(0);
    } finally {
      if (previous === undefined) delete process.env['SERVICEDESK_CONFIG'];
      else process.env['SERVICEDESK_CONFIG'] = previous;
    }
    const index = readFileSync(join(folder.path, 'plugins', 'outside', 'index.ts'), 'utf8');
    expect(index).toContain("from 'servicedesk-mcp';");
  });

  it.each([
    ['yes', 'staff'],
    ['', 'staff'],
    ['n', 'everyone'],
    ['No', 'everyone'],
  ])(
    'asks on a terminal whether the data is staff-only: %j gives %s scopes',
    async (answer, data) => {
      const dir = join(folder.path, `asked-${data}-${answer.length}`);
      const questions: string[] = [];
      const lines: string[] = [];
      const code = await newPluginCommand({
        options: { dir },
        positionals: ['plugin', 'parts'],
        cwd: folder.path,
        env: {},
        out: (line) => lines.push(line),
        ask: (question) => {
          questions.push(question);
          return Promise.resolve(answer);
        },
      });
      expect(code).toBe(0);
      expect(questions).toEqual([
        'Is the data of "parts" for staff only (agents, admins, service accounts)? [Y/n] ',
      ]);
      const index = readFileSync(join(dir, 'plugins', 'parts', 'index.ts'), 'utf8');
      const read = data === 'staff' ? 'parts:read:all' : 'parts:read';
      expect(index).toContain(`'${read}': 'Read ${data === 'staff' ? 'all ' : ''}parts data'`);
      expect(index).toContain("'parts:write:all': 'Change parts data'");
      expect(lines).toContain(
        `Scopes, for ${data === 'staff' ? 'staff-only data' : 'data everyone signed in may read'}:`,
      );
    },
  );

  it('without --for and with nobody to ask, picks staff-only :all scopes and says why', async () => {
    const made = await runCli(['new', 'plugin', 'desk-notes', '--dir', folder.path]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.lines).toContain(
      'Scopes, for staff-only data (the default; --for everyone if end users may read it):',
    );
    expect(made.lines).toContain('  desk-notes:read:all  (desk_notes_ping needs it)');
    expect(made.lines).toContain('  desk-notes:write:all  (for the write tools you add)');
    expect(made.lines.join('\n')).toMatch(
      /default role policy lets end users hold only :own and :org extents and plain reads .*never an :all scope/,
    );
    const index = readFileSync(join(folder.path, 'plugins', 'desk-notes', 'index.ts'), 'utf8');
    expect(index).toContain("'desk-notes:read:all': 'Read all desk-notes data'");
    expect(index).toMatch(/never lets an end user hold an `:all` scope/);
  });

  it('keeps the tool name of the longest id within 64 characters', () => {
    const names = pluginNames(`a${'-b'.repeat(31)}c`);
    expect(names.tool.length).toBeLessThanOrEqual(64);
    expect(names.tool).toMatch(/^[a-z0-9_]+_ping$/);
    expect(names.tool).not.toMatch(/__/);
  });
});

describe('servicedesk-mcp new plugin: what it writes passes its own test, lint and typecheck', () => {
  const project = repositoryTempFolder();
  const outside = createTempFolder('new-plugin-outside');
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    outside.remove();
  });

  it('writes three files through the real command and prints the next steps', async () => {
    const { stdout } = await run(process.execPath, [
      'bin/servicedesk-mcp.js',
      'new',
      'plugin',
      'parts-catalogue',
      '--dir',
      project,
    ]);
    const files = generated('parts-catalogue', 'parts-catalogue-ping');
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'Created plugin "parts-catalogue":',
      ...files.map((file) => `  ${project}/${file}`),
    ]);
    expect(stdout).toContain(
      `npx vitest run ${project}/test/plugins/parts-catalogue/parts-catalogue.test.ts`,
    );
    expect(stdout).toContain(
      "add partsCataloguePlugin() to plugins, and a collection with plugins: ['parts-catalogue'] and grant: ['parts-catalogue:read:all']",
    );
    expect(stdout).toContain('Scopes, for staff-only data (the default;');
    for (const file of files) expect(existsSync(join(project, file))).toBe(true);
    const index = readFileSync(join(project, files[0]!), 'utf8');
    expect(index).toContain("from '../../../../core/index.js';");
  });

  it('passes prettier, eslint, tsc and its own vitest run — in both import styles', async () => {
    // The package-name variant, made outside the repository, then moved beside the first one,
    // where `servicedesk-mcp` resolves to this package as it would from a user's node_modules.
    // This one for data end users may read too, so both scope variants are checked.
    const made = await runCli([
      'new',
      'plugin',
      'loan-laptops',
      '--dir',
      outside.path,
      '--for',
      'everyone',
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.lines).toContain('Scopes, for data everyone signed in may read:');
    for (const part of ['plugins', 'test'])
      cpSync(join(outside.path, part), join(project, part), { recursive: true });
    const everyone = readFileSync(join(project, 'plugins', 'loan-laptops', 'index.ts'), 'utf8');
    expect(everyone).toContain("'loan-laptops:read': 'Read loan-laptops data'");
    const files = [
      ...generated('parts-catalogue', 'parts-catalogue-ping'),
      ...generated('loan-laptops', 'loan-laptops-ping'),
    ].map((file) => join(project, file));

    const options = await prettier.resolveConfig(files[0]!);
    for (const file of files) {
      const formatted = await prettier.check(readFileSync(file, 'utf8'), {
        ...options,
        filepath: file,
      });
      expect(formatted, `${file} is not formatted as prettier would`).toBe(true);
    }

    const root = relative(project, '.');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        extends: `${root}/tsconfig.json`,
        compilerOptions: { rootDir: root },
        include: ['plugins', 'test'],
      }),
    );
    // `servicedesk-mcp` resolves to this package's sources, as tsc does through the repository's
    // customConditions: dist/ may be missing or stale here (package.json `exports`). Not
    // `module`: Node would then load @opentelemetry/api's ESM build (which prom-client requires),
    // whose extensionless imports only a bundler resolves.
    writeFileSync(
      join(project, 'vitest.config.mjs'),
      'export default { ssr: { resolve: { conditions: ' +
        "['servicedesk-mcp-source', 'node', 'development|production'] } }, " +
        "test: { include: ['test/**/*.test.ts'] } };\n",
    );
    const eslint = new ESLint({
      overrideConfig: {
        languageOptions: {
          parserOptions: { projectService: false, project: join(project, 'tsconfig.json') },
        },
      },
    });
    const tsc = run(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '--noEmit',
      '-p',
      project,
    ]);
    const vitest = run(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--root',
      project,
      '--config',
      resolve(project, 'vitest.config.mjs'),
    ]);
    const lint = await eslint.lintFiles(files);
    expect(
      lint.flatMap((result) =>
        result.messages.map((m) => `${result.filePath}: ${m.ruleId} ${m.message}`),
      ),
    ).toEqual([]);
    await expect(tsc).resolves.toBeDefined();
    const tested = await vitest;
    // Two generated plugins, each with its call, schema-check, refusal and end-user tests, on
    // both engines of the testing kit.
    expect(tested.stdout).toMatch(/Test Files\s+.*2 passed/);
    expect(tested.stdout).toMatch(/Tests\s+.*16 passed/);
    expect(tested.stdout).not.toMatch(/skipped/);
  }, 240_000);
});
