#!/usr/bin/env node
// The servicedesk-mcp command. A compiled config (.js, from `npm run build`) runs on the compiled
// framework in dist/, as in production; a TypeScript config runs the sources through tsx's
// loader, which is convenient but slower (its keepNames wrappers cost about a fifth of each call).
import { existsSync } from 'node:fs';

const argv = process.argv.slice(2);
const configIndex = argv.findIndex((arg) => arg === '--config' || arg === '-c');
const config = configIndex >= 0 ? argv[configIndex + 1] : process.env.SERVICEDESK_CONFIG;
const compiledMain = new URL('../dist/core/cli/main.js', import.meta.url);
const useCompiled = config !== undefined && /\.(c|m)?js$/.test(config) && existsSync(compiledMain);

let main;
if (useCompiled) {
  ({ main } = await import(compiledMain.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../core/cli/main.ts'));
}
process.exitCode = await main(argv);
