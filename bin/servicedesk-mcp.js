#!/usr/bin/env node
// Runs the TypeScript CLI directly (config files are TypeScript too), through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
