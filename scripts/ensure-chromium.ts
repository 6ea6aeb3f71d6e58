// npm's pretest step: the browser tests need a Chromium, so `npm test` on a fresh clone finds one,
// installs Debian's package when it can, or stops at once with the command to run
// (scripts/chromium/ensure-chromium.ts). CHROMIUM_NO_INSTALL=1 forbids installing.
import { ensureChromium } from './chromium/ensure-chromium.js';

process.exitCode = ensureChromium({
  env: process.env,
  print: (line) => process.stderr.write(`${line}\n`),
});
