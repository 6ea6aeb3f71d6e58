import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planInstall } from '../../../scripts/chromium/ensure-chromium.js';
import { ensureHaproxy, findHaproxy } from '../../../scripts/haproxy/ensure-haproxy.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

const folder = createTempFolder('haproxy');
afterAll(() => folder.remove());

describe('ensureHaproxy', () => {
  it('finds HAProxy on the PATH and installs nothing', () => {
    const fake = join(folder.path, 'haproxy');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    const lines: string[] = [];
    const env = { PATH: folder.path, CHROMIUM_NO_INSTALL: '1' };
    expect(findHaproxy(env)).toBe(fake);
    expect(ensureHaproxy({ env, print: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([]);
  });

  it("plans Debian's haproxy package, or names the command elsewhere", () => {
    const debian = {
      platform: 'linux',
      debian: true,
      aptGet: true,
      root: false,
      sudo: false,
      forbidden: false,
    } as const;
    expect(planInstall(debian, 'haproxy')).toEqual({
      kind: 'tell',
      reason: 'Installing it needs root or sudo without a password.',
      command: 'sudo apt-get update && sudo apt-get install -y haproxy',
    });
    expect(planInstall({ ...debian, root: true }, 'haproxy')).toEqual({
      kind: 'install',
      sudo: false,
    });
    expect(
      planInstall({ ...debian, platform: 'darwin' }, 'haproxy', 'brew install haproxy'),
    ).toEqual({
      kind: 'tell',
      reason: "Only Debian's haproxy package is installed automatically.",
      command: 'brew install haproxy',
    });
  });
});
