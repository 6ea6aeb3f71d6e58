/** Why a remote tool could not be given a local name. */
export type NamingProblem = 'too-long' | 'collision';

/** The local names of a remote's tools, and those that could not be named. */
export interface ToolNaming {
  /** Local name by remote name. */
  readonly names: ReadonlyMap<string, string>;
  readonly skipped: readonly { readonly remoteName: string; readonly problem: NamingProblem }[];
}

const maxToolName = 64;

/**
 * The local name of a remote tool: `<prefix>_<tool>` with every character outside
 * `[A-Za-z0-9_-]` replaced by `_`, so `status.get` of prefix `monitor` is `monitor_status_get`.
 *
 * @example
 * localToolName('monitor', 'status.get') // 'monitor_status_get'
 */
export function localToolName(prefix: string, remoteName: string): string {
  return `${prefix}_${remoteName.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Names a remote's tools. A name over 64 characters, or two remote names that map to the same
 * local one (`a.b` and `a_b`), cannot be served; those tools are skipped — all of a colliding
 * group, so which one is served never depends on the order the remote lists them in.
 *
 * @example
 * nameTools('ev', ['get-sum', 'a.b', 'a_b']).skipped // [{ remoteName: 'a.b', … }, { remoteName: 'a_b', … }]
 */
export function nameTools(prefix: string, remoteNames: readonly string[]): ToolNaming {
  const byLocal = new Map<string, string[]>();
  for (const remoteName of remoteNames) {
    const local = localToolName(prefix, remoteName);
    byLocal.set(local, [...(byLocal.get(local) ?? []), remoteName]);
  }
  const names = new Map<string, string>();
  const skipped: { remoteName: string; problem: NamingProblem }[] = [];
  for (const [local, remotes] of byLocal) {
    if (local.length > maxToolName) {
      for (const remoteName of remotes) skipped.push({ remoteName, problem: 'too-long' });
    } else if (remotes.length > 1) {
      for (const remoteName of remotes) skipped.push({ remoteName, problem: 'collision' });
    } else {
      names.set(remotes[0]!, local);
    }
  }
  return { names, skipped };
}
