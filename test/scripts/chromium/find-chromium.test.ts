import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findChromium,
  playwrightBrowsersFolder,
  type ChromiumSearch,
} from '../../../scripts/chromium/find-chromium.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';

let folder: TempFolder;

/** Creates an executable file at `relative` inside the test's folder and returns its path. */
function executable(relative: string): string {
  const path = folder.file(relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

/** A search that sees only the test's folder: its own system path, PATH, home and cache. */
function search(env: NodeJS.ProcessEnv = {}): ChromiumSearch {
  return {
    env: {
      PATH: folder.file('bin'),
      PLAYWRIGHT_BROWSERS_PATH: folder.file('ms-playwright'),
      ...env,
    },
    systemPath: folder.file('usr/bin/chromium'),
    home: folder.file('home'),
    platform: 'linux',
  };
}

beforeEach(() => {
  folder = createTempFolder('chromium');
});
afterEach(() => folder.remove());

describe('findChromium', () => {
  it('finds nothing in an empty machine', () => {
    expect(findChromium(search())).toBeUndefined();
  });

  it('takes CHROMIUM_PATH before the system package, PATH and the Playwright cache', () => {
    const chosen = executable('elsewhere/my-chrome');
    executable('usr/bin/chromium');
    executable('bin/chromium');
    executable('ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(findChromium(search({ CHROMIUM_PATH: chosen }))).toEqual({
      path: chosen,
      source: 'CHROMIUM_PATH',
    });
  });

  it('refuses a CHROMIUM_PATH that names nothing, naming it, even when another Chromium exists', () => {
    executable('usr/bin/chromium');
    const missing = folder.file('no/such/chromium');
    expect(() => findChromium(search({ CHROMIUM_PATH: missing }))).toThrow(
      `CHROMIUM_PATH is ${missing}, which is not an executable file`,
    );
  });

  it('then takes the system package, then chromium on PATH, then the Playwright cache', () => {
    const cached = executable('ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(findChromium(search())).toEqual({ path: cached, source: 'Playwright cache' });
    const onPath = executable('bin/chromium');
    expect(findChromium(search())).toEqual({ path: onPath, source: 'PATH' });
    const system = executable('usr/bin/chromium');
    expect(findChromium(search())).toEqual({ path: system, source: 'system package' });
  });

  it('finds the newest revision in the Playwright cache, the full browser before the shell', () => {
    executable('ms-playwright/chromium-1200/chrome-linux/chrome');
    const shell = executable(
      'ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell',
    );
    expect(findChromium(search())?.path).toBe(shell);
    const full = executable('ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(findChromium(search())?.path).toBe(full);
    executable('ms-playwright/firefox-1572/firefox/firefox');
    expect(findChromium(search())?.path).toBe(full);
  });

  it('ignores a revision folder without an executable', () => {
    mkdirSync(folder.file('ms-playwright/chromium-1300'), { recursive: true });
    const older = executable('ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(findChromium(search())?.path).toBe(older);
  });

  it('looks in ~/.cache/ms-playwright, or XDG_CACHE_HOME, when PLAYWRIGHT_BROWSERS_PATH is unset', () => {
    const env = { PLAYWRIGHT_BROWSERS_PATH: '' };
    const inHome = executable('home/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(findChromium(search(env))?.path).toBe(inHome);
    const xdg = { ...env, XDG_CACHE_HOME: folder.file('xdg') };
    expect(playwrightBrowsersFolder(search(xdg))).toBe(join(folder.file('xdg'), 'ms-playwright'));
    expect(playwrightBrowsersFolder({ ...search(env), platform: 'darwin' })).toBe(
      join(folder.file('home'), 'Library', 'Caches', 'ms-playwright'),
    );
  });

  it('resolves a relative PLAYWRIGHT_BROWSERS_PATH from where npm was started', () => {
    const env = { PLAYWRIGHT_BROWSERS_PATH: 'browsers', INIT_CWD: folder.path };
    expect(playwrightBrowsersFolder(search(env))).toBe(join(folder.path, 'browsers'));
  });
});
