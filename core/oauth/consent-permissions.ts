import { permits } from '../collection/collection-registry.js';
import { scopeSatisfies, type Scope } from '../scope/scope.js';
import { areasOf } from './scope-areas.js';

/** A tool of the collection, as the consent page needs it. */
export interface ConsentToolInfo {
  readonly name: string;
  readonly title: string;
  readonly scopes: readonly Scope[];
  /** The tool's `readOnlyHint`; a tool without it counts as writing, as MCP's default says. */
  readonly readOnly: boolean;
}

/** One tool under a permission, marked read or write. */
export interface ConsentTool {
  readonly name: string;
  readonly title: string;
  readonly write: boolean;
}

/** One line of the consent page: a scope family at the widest level offered. */
export interface ConsentPermission {
  /** The widest scope of the family, the value of its checkbox. */
  readonly scope: Scope;
  /** Every offered scope it implies, itself included (`tickets:read:all` covers `…:org`, `…:own`). */
  readonly covers: readonly Scope[];
  readonly description: string;
  /** True when it lets a tool write: the person may untick it. Reads come with the connection. */
  readonly optional: boolean;
  /** The tools it enables (that need one of `covers` to act). */
  readonly tools: readonly ConsentTool[];
}

/** A heading of the consent page and its lines. */
export interface ConsentArea {
  readonly heading: string;
  readonly permissions: readonly ConsentPermission[];
}

const actionOf = (scope: Scope): string | undefined => scope.split(':')[1];

/**
 * The scopes that decide what a tool can do: those that are not reads (`tickets:write:own` of
 * `log_time`, `ai:run:own` of an AI ability that also needs `tickets:read:own`), or all of them
 * when each is a read. A write tool makes its deciding scopes write scopes, so a read it also
 * needs stays a read that comes with the connection.
 */
function decidingScopes(scopes: readonly Scope[]): readonly Scope[] {
  const acting = scopes.filter((s) => actionOf(s) !== 'read');
  return acting.length > 0 ? acting : scopes;
}

/** Reads first, then writes, then other actions (`run`, `log-…`), so the page reads in that order. */
const actionRank = (scope: Scope): number => {
  const action = actionOf(scope);
  return action === 'read' ? 0 : action === 'write' ? 1 : 2;
};

type Line = Omit<ConsentPermission, 'tools'> & { tools: ConsentTool[] };

/**
 * The consent page's model: the offered scopes folded to one line per family at its widest level
 * (`tickets:read:all` stands for `:org` and `:own`), grouped under area headings. A line is
 * optional (can be unticked) when it lets a tool write — a write tool's deciding scope, or a
 * scope whose action is `write`. A tool is listed, marked read or write, under every optional
 * line that unticking would remove it with; a tool no optional line removes is listed once,
 * under the line of the first scope it declares (a plugin puts its tool's own scope first).
 *
 * @example
 * consentPermissions({ offered: ['kb:read', 'tickets:read:all', 'tickets:read:own'],
 *   describe: (s) => definedScopes.get(s) ?? s, tools })
 * // [{ heading: 'Tickets', permissions: [{ scope: 'tickets:read:all', covers: [...], … }] }, …]
 */
export function consentPermissions(input: {
  readonly offered: readonly Scope[];
  readonly describe: (scope: Scope) => string;
  readonly tools: Iterable<ConsentToolInfo>;
}): ConsentArea[] {
  const { offered } = input;
  const reachable = [...input.tools].filter((t) => permits(new Set(offered), t.scopes));
  const writeScopes = new Set(offered.filter((s) => actionOf(s) === 'write'));
  for (const tool of reachable)
    if (!tool.readOnly) for (const s of decidingScopes(tool.scopes)) writeScopes.add(s);
  const lines: Line[] = offered
    .filter((s) => !offered.some((o) => o !== s && scopeSatisfies(o, s)))
    .map((scope) => {
      const covers = offered.filter((s) => scopeSatisfies(scope, s));
      const optional = covers.some((s) => writeScopes.has(s));
      return { scope, covers, description: input.describe(scope), optional, tools: [] };
    });
  for (const tool of reachable) {
    const own = lines.filter((l) => decidingScopes(tool.scopes).some((s) => l.covers.includes(s)));
    const optional = own.filter((l) => l.optional);
    const first = lines.find((l) => l.covers.includes(decidingScopes(tool.scopes)[0] ?? ''));
    const under = optional.length > 0 ? optional : first === undefined ? [] : [first];
    for (const line of under)
      line.tools.push({ name: tool.name, title: tool.title, write: !tool.readOnly });
  }
  const areas = areasOf(lines.map((l) => l.scope));
  const byHeading = new Map<string, { order: number; permissions: Line[] }>();
  for (const line of lines) {
    const area = areas.get(line.scope) ?? { heading: line.scope, order: 0 };
    const entry = byHeading.get(area.heading) ?? { order: area.order, permissions: [] };
    entry.permissions.push(line);
    byHeading.set(area.heading, entry);
  }
  return [...byHeading]
    .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
    .map(([heading, { permissions }]) => ({
      heading,
      // What comes with the connection first, then what the person may withhold.
      permissions: permissions.sort(
        (a, b) =>
          Number(a.optional) - Number(b.optional) ||
          actionRank(a.scope) - actionRank(b.scope) ||
          a.scope.localeCompare(b.scope),
      ),
    }));
}

/**
 * The scopes a consent form grants: every scope of a line that cannot be unticked, whatever the
 * form says, and those of an optional line whose scope the form ticked. Nothing else: a scope
 * the page did not offer is ignored.
 *
 * @example
 * consentedScopes(areas, new Set(form.getAll('scope')))
 */
export function consentedScopes(
  areas: readonly ConsentArea[],
  ticked: ReadonlySet<string>,
): Scope[] {
  return areas
    .flatMap((a) => a.permissions)
    .filter((p) => !p.optional || ticked.has(p.scope))
    .flatMap((p) => p.covers)
    .sort();
}
