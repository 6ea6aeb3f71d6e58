// npm's pretest step: the browser tests need a Chromium and the deployment test HAProxy, so
// `npm test` on a fresh clone finds them, installs Debian's packages when it can, or stops at once
// with the command to run (scripts/chromium/ensure-chromium.ts, scripts/haproxy/ensure-haproxy.ts).
// CHROMIUM_NO_INSTALL=1 forbids installing.
import { ensureChromium } from './chromium/ensure-chromium.js';
import { ensureHaproxy } from './haproxy/ensure-haproxy.js';

const options = { env: process.env, print: (line: string) => process.stderr.write(`${line}\n`) };
process.exitCode = ensureChromium(options) || ensureHaproxy(options);
