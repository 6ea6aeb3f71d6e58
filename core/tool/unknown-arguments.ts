import { isSchemaNode, type SchemaNode } from './schema-nodes.js';

/** A key the listed schema does not declare where it was given. */
export interface UnknownArgument {
  /** Where it was: `emailArticle.junk`, or `junk` at the top. */
  readonly path: string;
  readonly key: string;
  /** The names that object does take. */
  readonly known: readonly string[];
}

/** Keys looked at in one call at most, so a call with a million keys costs little. */
const maxKeysVisited = 2_000;

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** The one `anyOf` branch for this kind of value, when there is exactly one. */
function branchFor(schema: SchemaNode, value: unknown): SchemaNode | undefined {
  const branches = schema['anyOf'];
  if (!Array.isArray(branches)) return schema;
  const type = jsonType(value);
  const matching = branches.filter(
    (branch): branch is SchemaNode => isSchemaNode(branch) && branch['type'] === type,
  );
  return matching.length === 1 ? matching[0] : undefined;
}

/**
 * Every key of `args`, at any depth, that a closed object (`additionalProperties: false`) of the
 * listed input schema does not declare. A zod object would drop such keys in silence, so a
 * misspelt field would be ignored; the call names them instead.
 *
 * @example
 * unknownArguments(listing.inputSchema, { query: 'vpn' }); // [{ path: 'query', key: 'query', known: ['text', …] }]
 */
export function unknownArguments(schema: SchemaNode, args: unknown): UnknownArgument[] {
  const found: UnknownArgument[] = [];
  let visited = 0;
  const walk = (node: SchemaNode | undefined, value: unknown, path: string): void => {
    const schemaHere = node && branchFor(node, value);
    if (!schemaHere || visited > maxKeysVisited) return;
    if (Array.isArray(value)) {
      const items = schemaHere['items'];
      if (isSchemaNode(items)) value.forEach((item) => walk(items, item, `${path}[]`));
      return;
    }
    if (jsonType(value) !== 'object') return;
    const properties = isSchemaNode(schemaHere['properties']) ? schemaHere['properties'] : {};
    const extra = schemaHere['additionalProperties'];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (++visited > maxKeysVisited) return;
      const at = path ? `${path}.${key}` : key;
      const declared = properties[key];
      if (isSchemaNode(declared)) walk(declared, child, at);
      else if (extra === false) found.push({ path: at, key, known: Object.keys(properties) });
      else if (isSchemaNode(extra)) walk(extra, child, at);
    }
  };
  walk(schema, args, '');
  return found;
}

/** Names callers often use for a parameter that has another name here; compared loosely. */
const aliasGroups: readonly (readonly string[])[] = [
  ['text', 'query', 'q', 'search', 'searchtext', 'keywords', 'keyword', 'term', 'terms'],
  ['summary', 'title', 'subject', 'headline'],
  ['details', 'description', 'body', 'content'],
  ['ticketid', 'ticket', 'id', 'ticketnumber', 'number'],
  ['limit', 'max', 'maxresults', 'count', 'top', 'pagesize', 'perpage', 'size'],
  ['cursor', 'page', 'pagetoken', 'next', 'nextcursor'],
  ['agent', 'assignee', 'assignedto', 'owner', 'technician'],
  ['requester', 'requestor', 'reporter', 'user', 'caller'],
  ['organisation', 'organization', 'org', 'company', 'customer', 'client'],
  ['priority', 'urgency', 'severity'],
  ['status', 'state'],
  ['note', 'comment', 'message', 'reply'],
  ['article', 'articleid', 'slug'],
  ['type', 'tickettype', 'kind'],
];

const loose = (name: string): string => name.toLowerCase().replace(/[_\-\s]/g, '');

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * The parameter a caller most likely meant by `key`: the same name spelt another way
 * (`ticket_id` → `ticketId`), a usual alias (`query` → `text`), or a near typo (`summery`).
 * Undefined when no single name stands out.
 *
 * @example
 * likelyParameter('query', ['text', 'status', 'limit']); // 'text'
 */
export function likelyParameter(key: string, known: readonly string[]): string | undefined {
  const wanted = loose(key);
  const same = known.filter((name) => loose(name) === wanted);
  if (same.length === 1) return same[0];
  const group = aliasGroups.find((names) => names.includes(wanted));
  const aliased = group ? known.filter((name) => group.includes(loose(name))) : [];
  if (aliased.length === 1) return aliased[0];
  if (wanted.length < 4) return undefined;
  const distances = known.map((name) => editDistance(wanted, loose(name)));
  const best = Math.min(...distances);
  const closest = known.filter((_, i) => distances[i] === best);
  return best <= 2 && closest.length === 1 ? closest[0] : undefined;
}
