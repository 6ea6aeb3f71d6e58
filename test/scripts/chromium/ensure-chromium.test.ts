import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureChromium,
  planInstall,
  readMachine,
  type EnsureChromiumOptions,
  type Machine,
} from '../../../scripts/chromium/ensure-chromium.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';

const debianRoot: Machine = {
  platform: 'linux',
  debian: true,
  aptGet: true,
  root: true,
  sudo: false,
  forbidden: false,
};
const apt = 'apt-get update && apt-get install -y chromium';
const sudoApt = 'sudo apt-get update && sudo apt-get install -y chromium';
const playwright = 'npx playwright-core install chromium';

describe('planInstall', () => {
  it.each<[string, Partial<Machine>, ReturnType<typeof planInstall>]>([
    ['root on Debian installs', {}, { kind: 'install', sudo: false }],
    [
      'sudo without a password installs',
      { root: false, sudo: true },
      { kind: 'install', sudo: true },
    ],
    [
      'no root and no sudo tells',
      { root: false },
      { kind: 'tell', reason: expect.stringContaining('root or sudo') as string, command: sudoApt },
    ],
    [
      'CHROMIUM_NO_INSTALL tells, even as root',
      { forbidden: true },
      { kind: 'tell', reason: 'CHROMIUM_NO_INSTALL forbids installing it.', command: apt },
    ],
    [
      'Ubuntu (a snap, not the browser) tells Playwright',
      { debian: false },
      { kind: 'tell', reason: expect.stringContaining('Debian') as string, command: playwright },
    ],
    [
      'macOS tells Playwright',
      { platform: 'darwin', aptGet: false },
      { kind: 'tell', reason: expect.stringContaining('Debian') as string, command: playwright },
    ],
  ])('%s', (_, machine, plan) => {
    expect(planInstall({ ...debianRoot, ...machine })).toEqual(plan);
  });

  it('reads CHROMIUM_NO_INSTALL from the environment', () => {
    expect(readMachine({ CHROMIUM_NO_INSTALL: '1' }).forbidden).toBe(true);
    expect(readMachine({ CHROMIUM_NO_INSTALL: '0' }).forbidden).toBe(false);
    expect(readMachine({}).forbidden).toBe(false);
  });
});

describe('ensureChromium (npm test’s pretest step)', () => {
  let folder: TempFolder;
  let lines: string[];

  /** Sees only the test's folder; installing is forbidden, so nothing is ever installed. */
  function options(env: NodeJS.ProcessEnv = {}): EnsureChromiumOptions {
    return {
      env: {
        PATH: folder.file('bin'),
        PLAYWRIGHT_BROWSERS_PATH: folder.file('cache'),
        CHROMIUM_NO_INSTALL: '1',
        ...env,
      },
      systemPath: folder.file('chromium'),
      print: (line) => lines.push(line),
    };
  }

  beforeEach(() => {
    folder = createTempFolder('ensure-chromium');
    lines = [];
  });
  afterEach(() => folder.remove());

  it('passes quietly when a Chromium is there', () => {
    mkdirSync(folder.file('bin'));
    writeFileSync(folder.file('bin/chromium'), '#!/bin/sh\n');
    chmodSync(folder.file('bin/chromium'), 0o755);
    expect(ensureChromium(options())).toBe(0);
    expect(lines).toEqual([]);
  });

  it('stops at once when it may not install, saying where it looked and the command to run', () => {
    const { env } = options();
    const { command, reason } = planInstall(readMachine(env)) as {
      command: string;
      reason: string;
    };
    expect(ensureChromium(options())).toBe(1);
    const message = lines.join('\n');
    expect(lines[0]).toMatch(
      /^servicedesk-mcp: the browser tests need Chromium and none was found/,
    );
    expect(message).toContain(folder.file('chromium'));
    expect(message).toContain(folder.file('cache'));
    expect(message).toContain(reason);
    expect(lines).toContain(`  ${command}`);
    expect(message).toContain('CHROMIUM_PATH');
  });

  it('fails naming a CHROMIUM_PATH that names nothing, from the script itself', () => {
    const missing = folder.file('no-chromium');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-chromium.ts'], {
      env: { ...process.env, CHROMIUM_PATH: missing, CHROMIUM_NO_INSTALL: '1' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`servicedesk-mcp: CHROMIUM_PATH is ${missing}`);
  });
});
