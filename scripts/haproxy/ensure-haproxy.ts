import { accessSync, constants } from 'node:fs';
import { onPath } from '../chromium/find-chromium.js';
import { aptInstall, planInstall, readMachine } from '../chromium/ensure-chromium.js';

/**
 * HAProxy's path: on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH).
 *
 * @example
 * spawn(findHaproxy(process.env) ?? 'haproxy', ['-v']);
 */
export function findHaproxy(env: NodeJS.ProcessEnv): string | undefined {
  const found = onPath('haproxy', env);
  if (found !== undefined) return found;
  for (const candidate of ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy']) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there.
    }
  }
  return undefined;
}

/**
 * Makes sure the deployment test (three instances behind a load balancer) has HAProxy: finds it
 * on the PATH, or installs Debian's package when it can (as for Chromium: root or sudo without a
 * password, and not forbidden by CHROMIUM_NO_INSTALL), or prints the one command to run.
 * Returns the exit code for `npm test`'s pretest step.
 *
 * @example
 * process.exitCode = ensureHaproxy({ env: process.env, print: (l) => console.error(l) });
 */
export function ensureHaproxy(options: {
  readonly env: NodeJS.ProcessEnv;
  readonly print: (line: string) => void;
}): number {
  const { env, print } = options;
  if (findHaproxy(env) !== undefined) return 0;
  const plan = planInstall(
    readMachine(env),
    'haproxy',
    'install HAProxy 2.4 or later with your package manager',
  );
  if (plan.kind === 'tell') {
    print('servicedesk-mcp: the deployment test needs HAProxy and none is on the PATH.');
    print(plan.reason);
    print(`Install it with:\n\n  ${plan.command}\n\nthen run npm test again.`);
    return 1;
  }
  print("servicedesk-mcp: no HAProxy for the deployment test; installing Debian's haproxy package");
  if (!aptInstall('haproxy', plan, env) || findHaproxy(env) === undefined) {
    print('servicedesk-mcp: installing haproxy failed; run apt-get install -y haproxy');
    return 1;
  }
  print('servicedesk-mcp: HAProxy installed');
  return 0;
}
