import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

/** Where Debian's `chromium` package puts the browser. */
export const debianChromiumPath = '/usr/bin/chromium';

/** Which place a Chromium was found in, in the order they are searched. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system package' | 'PATH' | 'Playwright cache';

/** A Chromium executable and the place it was found in. */
export interface FoundChromium {
  readonly path: string;
  readonly source: ChromiumSource;
}

/** What the search looks at; the defaults are this machine's. */
export interface ChromiumSearch {
  /** Reads `CHROMIUM_PATH`, `PATH`, `PLAYWRIGHT_BROWSERS_PATH`, `XDG_CACHE_HOME`, `LOCALAPPDATA`. */
  readonly env?: NodeJS.ProcessEnv;
  /** The system package's executable; {@link debianChromiumPath} unless a test moves it. */
  readonly systemPath?: string;
  readonly home?: string;
  readonly platform?: NodeJS.Platform;
}

// Inside one revision folder of Playwright's cache (`chromium-1255`, `chromium_headless_shell-1255`):
// Chrome for Testing's layouts of recent Playwright releases first, then the older Chromium ones.
const cacheExecutables = [
  'chrome-linux64/chrome',
  'chrome-linux-arm64/chrome',
  'chrome-headless-shell-linux64/chrome-headless-shell',
  'chrome-headless-shell-linux-arm64/chrome-headless-shell',
  'chrome-linux/chrome',
  'chrome-linux/headless_shell',
  'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-headless-shell-mac-arm64/chrome-headless-shell',
  'chrome-headless-shell-mac-x64/chrome-headless-shell',
  'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
  'chrome-mac/headless_shell',
  'chrome-win64/chrome.exe',
  'chrome-headless-shell-win64/chrome-headless-shell.exe',
  'chrome-win/chrome.exe',
  'chrome-win/headless_shell.exe',
];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first `name` on the search path, as a shell's `command -v` finds it. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const folder of (env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Playwright's browser folder, as playwright-core computes it: `PLAYWRIGHT_BROWSERS_PATH` (`0`
 * meaning inside playwright-core, a relative path meaning from where npm was started), otherwise
 * `ms-playwright` in the user's cache folder.
 */
export function playwrightBrowsersFolder(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const home = search.home ?? homedir();
  const configured = env['PLAYWRIGHT_BROWSERS_PATH'];
  if (configured === '0') {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('playwright-core/package.json')), '.local-browsers');
  }
  if (configured !== undefined && configured !== '')
    return isAbsolute(configured)
      ? configured
      : resolve(env['INIT_CWD'] || process.cwd(), configured);
  const platform = search.platform ?? process.platform;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32')
    return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'ms-playwright');
}

/** The newest Chromium in Playwright's cache; at one revision the full browser before the shell. */
function inPlaywrightCache(folder: string): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return undefined;
  }
  const revisions = entries
    .map((name) => ({ name, match: /^chromium(_headless_shell)?-(\d+)$/.exec(name) }))
    .filter((e) => e.match !== null)
    .map((e) => ({ name: e.name, revision: Number(e.match![2]), shell: e.match![1] !== undefined }))
    .sort((a, b) => b.revision - a.revision || Number(a.shell) - Number(b.shell));
  for (const { name } of revisions)
    for (const executable of cacheExecutables) {
      const candidate = join(folder, name, executable);
      if (isExecutableFile(candidate)) return candidate;
    }
  return undefined;
}

/**
 * Finds a Chromium for the browser tests: `CHROMIUM_PATH` if set (it must name an executable;
 * anything else throws, naming it), then the system package (`/usr/bin/chromium`), then
 * `chromium` on `PATH`, then Playwright's browser cache. `undefined` when there is none.
 *
 * @example
 * const found = findChromium();
 * if (found) await chromium.launch({ executablePath: found.path });
 */
export function findChromium(search: ChromiumSearch = {}): FoundChromium | undefined {
  const env = search.env ?? process.env;
  const configured = env['CHROMIUM_PATH'];
  if (configured !== undefined && configured !== '') {
    if (isExecutableFile(configured)) return { path: configured, source: 'CHROMIUM_PATH' };
    throw new Error(
      `CHROMIUM_PATH is ${configured}, which is not an executable file: point it at a Chromium or Chrome, or unset it to let the tests find one`,
    );
  }
  const systemPath = search.systemPath ?? debianChromiumPath;
  if (isExecutableFile(systemPath)) return { path: systemPath, source: 'system package' };
  const onSearchPath = onPath('chromium', env);
  if (onSearchPath !== undefined) return { path: onSearchPath, source: 'PATH' };
  const cached = inPlaywrightCache(playwrightBrowsersFolder(search));
  if (cached !== undefined) return { path: cached, source: 'Playwright cache' };
  return undefined;
}

/** The places {@link findChromium} looks in, for a message saying none had one. */
export function placesSearched(search: ChromiumSearch = {}): string {
  return [
    'CHROMIUM_PATH (unset)',
    search.systemPath ?? debianChromiumPath,
    'chromium on PATH',
    `Playwright's cache ${playwrightBrowsersFolder(search)}`,
  ].join(', ');
}
