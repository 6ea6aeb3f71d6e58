// oidc-provider 9 prints this line with console.warn when its index module is evaluated on a Node
// release line older than 22 (ADR 0021). Its package declares no engines; the warning is its
// support policy, not a fault it found, and on Node 20.19+ everything the framework uses from it
// works, as the OAuth tests show on Node 20 and on Node 22 in CI. The framework supports Node
// 20.19+, so on Node 20 the line is noise in every command and test. This module is imported by
// core/oauth/oidc-provider.ts just before oidc-provider: it drops that exact line (plain, or in
// the colours oidc-provider uses on a terminal) and nothing else, and only on Node 20.19+, where
// the line is known to be harmless. oidc-provider.ts removes the filter as soon as oidc-provider
// has loaded, so console.warn is untouched for the rest of the process.

// The line oidc-provider prints on Node 20, as its `attention.warn` writes it.
const unsupportedRuntimeWarning =
  'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';

// How attention.warn colours it when standard error is a terminal.
const colouredWarning = `\x1b[31;1m${unsupportedRuntimeWarning}\x1b[0m`;

function isNode20Supported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return process.release.lts === 'Iron' && major === 20 && minor >= 19;
}

/* eslint-disable no-console -- the filter wraps console.warn, which oidc-provider writes to */
const original = console.warn;
const filtered: typeof console.warn = (...args: unknown[]) => {
  if (args.length === 1 && (args[0] === unsupportedRuntimeWarning || args[0] === colouredWarning))
    return;
  original.apply(console, args);
};
if (isNode20Supported()) console.warn = filtered;

/**
 * Removes the filter: called by `core/oauth/oidc-provider.ts` once oidc-provider has loaded.
 *
 * @example
 * import { stopFilteringUnsupportedRuntimeWarning } from './unsupported-runtime-warning.js';
 * import Provider from 'oidc-provider';
 * stopFilteringUnsupportedRuntimeWarning();
 */
export function stopFilteringUnsupportedRuntimeWarning(): void {
  if (console.warn === filtered) console.warn = original;
}
/* eslint-enable no-console */
