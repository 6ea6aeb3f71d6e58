import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { requestHeaders } from './scenarios.js';

const giveUpMs = 20_000;

async function listsTools(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: requestHeaders,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    if (response.status !== 200) return false;
    const body = (await response.json()) as { result?: { tools?: { name: string }[] } };
    return body.result?.tools?.some((tool) => tool.name === 'get_ticket') === true;
  } catch {
    return false;
  }
}

/**
 * Times one cold start the way an operator starts the server: from spawning
 * `node bin/servicedesk-mcp.js serve --config examples/servicedesk/servicedesk.config.ts` (on a fresh
 * SQLite file, so migrations run) to the first successful `tools/list` on the `agent`
 * collection. PORT=0 lets the OS pick a port; `serve` prints the bound URL of every collection.
 */
export async function measureColdStart(repoRoot: string, databaseFile: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin', 'servicedesk-mcp.js'),
      'serve',
      '--config',
      import.meta.url.endsWith('.js')
        ? join(repoRoot, 'dist', 'examples', 'servicedesk', 'servicedesk.config.js')
        : join(repoRoot, 'examples', 'servicedesk', 'servicedesk.config.ts'),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: databaseFile,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`no URL printed within ${giveUpMs} ms`)),
        giveUpMs,
      );
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /(http:\/\/\S+\/mcp\/agent)\b/.exec(output);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`serve exited with code ${String(code)} before printing its URL:\n${output}`),
        );
      });
    });
    while (!(await listsTools(url))) {
      if (performance.now() - started > giveUpMs)
        throw new Error(`tools/list did not succeed within ${giveUpMs} ms at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
