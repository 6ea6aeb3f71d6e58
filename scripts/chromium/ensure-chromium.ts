import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findChromium, onPath, placesSearched, type ChromiumSearch } from './find-chromium.js';

/** Set to `1` to forbid installing: `npm test` then stops with the command to run instead. */
export const noInstallVariable = 'CHROMIUM_NO_INSTALL';

/** What decides whether Chromium can be installed here without asking anyone. */
export interface Machine {
  readonly platform: NodeJS.Platform;
  /** Debian or a derivative whose `chromium` package is the browser (Ubuntu's is a snap). */
  readonly debian: boolean;
  readonly aptGet: boolean;
  readonly root: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt. */
  readonly sudo: boolean;
  /** {@link noInstallVariable} is set. */
  readonly forbidden: boolean;
}

/** Install Debian's package (through sudo unless root), or stop and tell the user what to run. */
export type InstallPlan =
  | { readonly kind: 'install'; readonly sudo: boolean }
  | { readonly kind: 'tell'; readonly reason: string; readonly command: string };

const aptCommand = (sudo: string, debianPackage = 'chromium'): string =>
  `${sudo}apt-get update && ${sudo}apt-get install -y ${debianPackage}`;

/**
 * Decides what to do when no Chromium was found. Only Debian's package is installed
 * automatically, and only when that needs no password; anywhere else the plan names the one
 * command that gets a Chromium the tests find.
 *
 * @example
 * planInstall({ platform: 'linux', debian: true, aptGet: true, root: false, sudo: false, forbidden: false });
 * // { kind: 'tell', reason: '…needs root or sudo without a password', command: 'sudo apt-get update && …' }
 */
export function planInstall(
  machine: Machine,
  debianPackage = 'chromium',
  elsewhere = 'npx playwright-core install chromium',
): InstallPlan {
  if (machine.platform !== 'linux' || !machine.debian || !machine.aptGet)
    return {
      kind: 'tell',
      reason: `Only Debian's ${debianPackage} package is installed automatically.`,
      command: elsewhere,
    };
  const command = aptCommand(machine.root ? '' : 'sudo ', debianPackage);
  if (machine.forbidden)
    return { kind: 'tell', reason: `${noInstallVariable} forbids installing it.`, command };
  if (!machine.root && !machine.sudo)
    return {
      kind: 'tell',
      reason: 'Installing it needs root or sudo without a password.',
      command,
    };
  return { kind: 'install', sudo: !machine.root };
}

function osRelease(): Map<string, string> {
  let text = '';
  try {
    text = readFileSync('/etc/os-release', 'utf8');
  } catch {
    // Not a Linux distribution that says what it is.
  }
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const field = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
    if (field) fields.set(field[1]!, field[3]!);
  }
  return fields;
}

/**
 * Reads this machine's {@link Machine} facts; `sudo -n true` runs only when they could matter.
 *
 * @example
 * const plan = planInstall(readMachine(process.env));
 */
export function readMachine(env: NodeJS.ProcessEnv): Machine {
  const release = osRelease();
  const family = [release.get('ID') ?? '', ...(release.get('ID_LIKE') ?? '').split(' ')];
  const debian = family.includes('debian') && !family.includes('ubuntu');
  const aptGet = onPath('apt-get', env) !== undefined;
  const root = process.getuid?.() === 0;
  const forbidden = (env[noInstallVariable] ?? '') !== '' && env[noInstallVariable] !== '0';
  const askSudo = process.platform === 'linux' && debian && aptGet && !root && !forbidden;
  const sudo =
    askSudo &&
    onPath('sudo', env) !== undefined &&
    spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', env }).status === 0;
  return { platform: process.platform, debian, aptGet, root, sudo, forbidden };
}

/** Runs one command with its output shown; true when it exits 0. */
function run(command: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const [file, ...args] = command;
  return spawnSync(file!, args, { stdio: 'inherit', env }).status === 0;
}

/**
 * Installs Debian's `debianPackage` as `plan` says (through `sudo -n` unless root); true when
 * apt-get succeeded.
 *
 * @example
 * if (plan.kind === 'install') aptInstall('haproxy', plan, process.env);
 */
export function aptInstall(
  debianPackage: string,
  plan: { readonly sudo: boolean },
  env: NodeJS.ProcessEnv,
): boolean {
  const sudo = plan.sudo ? ['sudo', '-n'] : [];
  const apt = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  return (
    run([...apt, 'update', '-qq'], env) && run([...apt, 'install', '-y', '-qq', debianPackage], env)
  );
}

/** Where {@link ensureChromium} searches (its `env` also decides whether it may install) and prints. */
export interface EnsureChromiumOptions extends ChromiumSearch {
  readonly env: NodeJS.ProcessEnv;
  /** One line for the user (standard error in the script). */
  readonly print: (line: string) => void;
}

/**
 * Makes sure the browser tests have a Chromium: finds one, or installs Debian's package when it
 * can, or prints the one command to run. Returns the exit code for `npm test`'s pretest step.
 *
 * @example
 * process.exitCode = ensureChromium({ env: process.env, print: (l) => console.error(l) });
 */
export function ensureChromium(options: EnsureChromiumOptions): number {
  const { print } = options;
  try {
    if (findChromium(options) !== undefined) return 0;
  } catch (error) {
    print(`servicedesk-mcp: ${(error as Error).message}`);
    return 1;
  }
  const plan = planInstall(readMachine(options.env));
  if (plan.kind === 'tell') {
    print(
      `servicedesk-mcp: the browser tests need Chromium and none was found (looked at ${placesSearched(options)}).`,
    );
    print(plan.reason);
    print('Install it with:');
    print('');
    print(`  ${plan.command}`);
    print('');
    print('then run npm test again, or set CHROMIUM_PATH to a Chromium or Chrome you have.');
    return 1;
  }
  print("servicedesk-mcp: no Chromium for the browser tests; installing Debian's chromium package");
  const installed = aptInstall('chromium', plan, options.env);
  const found = installed ? findChromium(options) : undefined;
  if (found === undefined) {
    print(
      `servicedesk-mcp: installing chromium failed; run ${aptCommand(plan.sudo ? 'sudo ' : '')}`,
    );
    return 1;
  }
  print(`servicedesk-mcp: Chromium installed at ${found.path}`);
  return 0;
}
