#!/usr/bin/env node
// The servicedesk-mcp command. A compiled config (.js, from `npm run build`) runs on the compiled
// framework in dist/, as in production; a TypeScript config runs the sources through tsx's
// loader, which is convenient but slower (its keepNames wrappers cost about a fifth of each call).
// An installed package ships only dist/: there the framework always runs compiled, and a
// TypeScript config is loaded through tsx, so it and the CLI share one copy of the framework.
import { existsSync } from 'node:fs';

const argv = process.argv.slice(2);
const configIndex = argv.findIndex((arg) => arg === '--config' || arg === '-c');
const config = configIndex >= 0 ? argv[configIndex + 1] : process.env.SERVICEDESK_CONFIG;
const compiledMain = new URL('../dist/core/cli/main.js', import.meta.url);
const sourceMain = new URL('../core/cli/main.ts', import.meta.url);
const compiledConfig = config !== undefined && /\.(c|m)?js$/.test(config);
const useCompiled = existsSync(compiledMain) && (compiledConfig || !existsSync(sourceMain));

if (!useCompiled || !compiledConfig) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import(useCompiled ? compiledMain.href : sourceMain.href);
process.exitCode = await main(argv);
