import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder } from '../helpers/temp-folder.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./plugin-project', import.meta.url));

/** The version of a package installed in this repository, so the project gets the same one. */
function installed(name: string): string {
  const manifest = join(repository, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * This process's environment without what npm and vitest set for their own children (an outer
 * `npm test` or vitest worker must not steer the project's npm, tsc and vitest).
 */
function cleanEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|vitest|node_options$|init_cwd$|force_color$)/i.test(key)) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

async function inFolder(
  cwd: string,
  command: readonly [string, ...string[]],
  env?: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  const [file, ...args] = command;
  try {
    return await run(file, args, {
      cwd,
      env: cleanEnvironment(env),
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // What the command printed goes in the message, once: the cause keeps the command and code.
    const failed = error as Error & { stdout?: string; stderr?: string };
    const printed = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`;
    delete failed.stdout;
    delete failed.stderr;
    throw new Error(`${command.join(' ')} failed in ${cwd}:\n${printed}`, { cause: error });
  }
}

interface Packed {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

describe('the packed package, installed in a project outside the repository', () => {
  const work = createTempFolder('packed-package');
  const project = join(work.path, 'parts-plugin');
  let packed: Packed;

  beforeAll(async () => {
    await inFolder(repository, ['npm', 'run', 'build']);
    const { stdout } = await inFolder(repository, [
      'npm',
      'pack',
      '--ignore-scripts',
      '--json',
      '--pack-destination',
      work.path,
    ]);
    packed = (JSON.parse(stdout) as Packed[])[0]!;

    mkdirSync(project);
    cpSync(fixture, project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'parts-plugin',
          private: true,
          type: 'module',
          dependencies: {
            'servicedesk-mcp': `file:${join(work.path, packed.filename)}`,
            zod: installed('zod'),
          },
          devDependencies: {
            '@types/node': installed('@types/node'),
            typescript: installed('typescript'),
            vitest: installed('vitest'),
          },
          // The repository's build of this native addon is copied in below: the same version.
          overrides: { 'better-sqlite3': installed('better-sqlite3') },
        },
        null,
        2,
      ),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['src', 'test', '*.ts'],
      }),
    );
    // Install scripts are skipped: better-sqlite3's would compile SQLite for a minute or more
    // (no prebuilt binary can be downloaded here); the repository's own build is copied instead.
    await inFolder(project, [
      'npm',
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ]);
    const addon = join('node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(join(project, addon), { recursive: true });
    cpSync(
      join(repository, addon, 'better_sqlite3.node'),
      join(project, addon, 'better_sqlite3.node'),
    );
  }, 900_000);
  afterAll(() => work.remove());

  it('ships the compiled framework, its types, the CLI, the README and the licence, and no sources', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/servicedesk-mcp.js',
        'dist/core/index.js',
        'dist/core/index.d.ts',
        'dist/core/cli/main.js',
        'dist/testing/index.js',
        'dist/testing/index.d.ts',
        'dist/plugins/desk/index.js',
        'dist/views/ticket-card.html',
        'dist/views/queue-board.html',
      ]),
    );
    const unwanted =
      /^(core|plugins|testing|examples|test|bench|scripts|docs|views)\/|^dist\/(examples|bench)\/|\.tsbuildinfo$/;
    expect(files.filter((file) => unwanted.test(file))).toEqual([]);
  });

  it("points every entry's types and code at files it ships", () => {
    const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
    };
    const files = new Set(packed.files.map((file) => file.path));
    const entries = Object.entries(manifest.exports).filter(([path]) => path !== './package.json');
    expect(entries.map(([path]) => path)).toEqual(['.', './testing']);
    for (const [path, targets] of entries) {
      if (typeof targets === 'string') throw new Error(`exports["${path}"] has no types`);
      const { types, default: code } = targets;
      expect(types, `exports["${path}"].types`).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(code, `exports["${path}"].default`).toMatch(/^\.\/dist\/.*\.js$/);
      expect(files.has(types!.slice(2)), `${types} is packed`).toBe(true);
      expect(files.has(code!.slice(2)), `${code} is packed`).toBe(true);
      expect(types!.replace(/\.d\.ts$/, '')).toBe(code!.replace(/\.js$/, ''));
    }
  });

  it('type-checks a plugin and its test that import only servicedesk-mcp and its testing kit', async () => {
    await inFolder(project, ['npx', 'tsc', '-p', '.']);
  }, 300_000);

  it("passes the plugin's tests on SQLite and PostgreSQL with npx vitest run", async () => {
    const report = join(work.path, 'vitest.json');
    await inFolder(project, [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { assertionResults: { fullName: string; status: string }[] }[];
    };
    const names = result.testResults.flatMap((file) =>
      file.assertionResults.map((test) => `${test.status}: ${test.fullName}`),
    );
    expect(result.numFailedTests, names.join('\n')).toBe(0);
    // Three tests per engine (vitest quotes the engine in the name: on 'sqlite').
    for (const engine of ['sqlite', 'postgres']) {
      const passed = names.filter(
        (name) => name.startsWith('passed: ') && new RegExp(` on '?${engine}'? `).test(name),
      );
      expect(passed, names.join('\n')).toHaveLength(3);
    }
  }, 300_000);

  it('serves the plugin with the installed servicedesk-mcp command and a TypeScript config', async () => {
    const { stdout } = await inFolder(
      project,
      [
        'npx',
        'servicedesk-mcp',
        'tools',
        '--collection',
        'parts',
        '--role',
        'agent',
        '--config',
        'servicedesk.config.ts',
      ],
      { DATABASE_URL: join(work.path, 'cli.db') },
    );
    expect(stdout).toMatch(/stock_part/);
    expect(stdout).toMatch(/get_part/);
  }, 120_000);
});
