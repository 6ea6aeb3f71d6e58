import type { Scope } from '../scope/scope.js';

/**
 * Headings of the consent page, by a scope's resource (its first segment). A person reads
 * "Tickets" faster than `tickets:` and `time:`, so resources that belong together share one
 * area; the order here is the page's order. A resource not listed gets a heading of its own,
 * made from its name — or, with a single permission, goes under "Other", so the page does not
 * grow a heading per line.
 */
const knownAreas: readonly { readonly heading: string; readonly resources: readonly string[] }[] = [
  { heading: 'Tickets', resources: ['tickets', 'time'] },
  { heading: 'Knowledge and catalogue', resources: ['kb', 'catalogue'] },
  { heading: 'People', resources: ['users'] },
  { heading: 'Runbooks', resources: ['runbooks'] },
  { heading: 'Reports', resources: ['reports'] },
  { heading: 'AI', resources: ['ai'] },
];

/** The heading that collects what has no area of its own. */
export const otherArea = 'Other';

/** A scope's area: its heading and where it sorts on the page. */
export interface ScopeArea {
  readonly heading: string;
  readonly order: number;
}

const resourceOf = (scope: Scope): string => scope.split(':')[0] ?? scope;

/** `time-entries` → `Time entries`. */
function headingFromName(resource: string): string {
  const words = resource.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The area of each scope of one consent page. `lines` are the page's scopes (one per line):
 * a resource not in the table keeps a heading of its own only when it has more than one line.
 *
 * @example
 * areasOf(['tickets:read:all', 'time:write', 'diagnostics:read']).get('time:write')
 * // { heading: 'Tickets', order: 0 }; 'diagnostics:read' is under 'Other'
 */
export function areasOf(lines: readonly Scope[]): ReadonlyMap<Scope, ScopeArea> {
  const perResource = new Map<string, number>();
  for (const scope of lines) {
    const resource = resourceOf(scope);
    perResource.set(resource, (perResource.get(resource) ?? 0) + 1);
  }
  const result = new Map<Scope, ScopeArea>();
  for (const scope of lines) {
    const resource = resourceOf(scope);
    const known = knownAreas.findIndex((a) => a.resources.includes(resource));
    const area =
      known >= 0
        ? { heading: knownAreas[known]?.heading ?? otherArea, order: known }
        : (perResource.get(resource) ?? 0) > 1
          ? { heading: headingFromName(resource), order: knownAreas.length }
          : { heading: otherArea, order: knownAreas.length + 1 };
    result.set(scope, area);
  }
  return result;
}
