import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The MCP Inspector release the tests run. 2.x needs Node 22.19 or later, and as a dev
 * dependency it would add a hundred packages that warn of their engine on every `npm ci` on
 * Node 20, so it comes from npx with Node 22, pinned here, as the conformance suite does. Without
 * a version, npm on Node 20 would pick 0.15, the newest release whose engines allow Node 20.
 */
export const inspectorPackage = '@modelcontextprotocol/inspector@2.12.0';

/** One run of `mcp-inspector --cli`: its exit code and everything it printed. */
export interface InspectorRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The Inspector CLI, installed and ready to run under Node 22. */
export interface InspectorCli {
  /** The Node 22 binary it runs on, e.g. `v22.23.3`. */
  readonly nodeVersion: string;
  /** Runs `mcp-inspector --cli <args>`; resolves whatever the exit code. */
  run(args: readonly string[]): Promise<InspectorRun>;
}

const execute = promisify(execFile);

/**
 * Fetches Node 22 and the Inspector through npx once (cached by npm afterwards), then runs each
 * CLI call on that Node directly, which saves npx's few seconds per call. `home` becomes the
 * Inspector's home, where it keeps its catalog and storage; secrets stay in memory.
 *
 * @example
 * const inspector = await installInspectorCli(folder.path);
 * const list = await inspector.run([url, '--transport', 'http', '--method', 'tools/list']);
 */
export async function installInspectorCli(home: string): Promise<InspectorCli> {
  // `command -v` runs in npx's POSIX shell, with Node 22 and the Inspector's bin first on PATH.
  const where = await execute('npx', [
    '--yes',
    '--loglevel=error',
    '-p',
    'node@22',
    '-p',
    inspectorPackage,
    '-c',
    'command -v node && command -v mcp-inspector && node --version',
  ]);
  const [node, launcher, nodeVersion] = where.stdout.trim().split('\n');
  if (node === undefined || launcher === undefined || nodeVersion === undefined) {
    throw new Error(`npx did not find Node 22 and the Inspector:\n${where.stdout}${where.stderr}`);
  }
  const env = { ...process.env, HOME: home, MCP_INSPECTOR_SECRET_STORE: 'memory', NO_COLOR: '1' };
  return {
    nodeVersion,
    run: (args) =>
      new Promise((resolve) => {
        execFile(node, [launcher, '--cli', ...args], { env }, (error, stdout, stderr) => {
          // A non-zero exit is an answer (the CLI's exit codes say why), not a failure to run.
          if (error === null) resolve({ exitCode: 0, stdout, stderr });
          else if (typeof error.code === 'number')
            resolve({ exitCode: error.code, stdout, stderr });
          else resolve({ exitCode: -1, stdout, stderr: `${stderr}${error.message}` });
        });
      }),
  };
}
