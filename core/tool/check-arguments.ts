import type { CompiledTool } from './compile-tool.js';
import { isSchemaNode } from './schema-nodes.js';
import { likelyParameter, unknownArguments, type UnknownArgument } from './unknown-arguments.js';
import { describeIssues } from './validation-message.js';

/** Names listed in a message at most: a call with thousands of junk keys gets a short answer. */
const maxNamesShown = 5;

/**
 * The argument keys a tool does not take, at any depth, as a line that names them, the likely
 * intended name and the parameters (`"query": not a parameter of search_tickets (did you mean
 * "text"?); its parameters are text, status…`).
 */
function describeUnknown(tool: CompiledTool, unknown: readonly UnknownArgument[]): string {
  const shown = unknown.slice(0, maxNamesShown).map(({ path, key, known }) => {
    const meant = likelyParameter(key, known);
    return `${JSON.stringify(path.slice(0, 80))}${meant ? ` (did you mean "${meant}"?)` : ''}`;
  });
  const more = unknown.length > maxNamesShown ? ` and ${unknown.length - maxNamesShown} more` : '';
  const one = unknown.length === 1;
  const first = unknown[0] as UnknownArgument;
  const where = first.path.includes('.') ? first.path.slice(0, first.path.lastIndexOf('.')) : '';
  const owner = where ? `${where} in ${tool.listing.name}` : tool.listing.name;
  const parameters =
    first.known.length === 0
      ? 'it takes no parameters'
      : `${where ? `${where} takes` : 'its parameters are'} ${first.known.join(', ')}`;
  return `${shown.join(', ')}${more}: not ${one ? 'a parameter' : 'parameters'} of ${owner}; ${parameters}. Remove or rename ${one ? 'it' : 'them'}`;
}

/** Values looked at for NUL characters at most: the validators bound the rest. */
const maxValuesVisited = 10_000;

/**
 * Paths of text arguments holding a NUL character, which neither store can keep. Iterative, as
 * arguments may nest thousands of levels deep.
 */
function textsWithNul(args: unknown): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[args, '']];
  for (let visited = 0; pending.length > 0 && visited < maxValuesVisited; visited++) {
    const [value, path] = pending.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(path || '(arguments)');
      if (found.length >= maxNamesShown) break;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, `${path}[${i}]`]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value))
        pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return found.sort();
}

/** What checking a call's arguments gave: the parsed input, or the line telling the caller what to fix. */
export type CheckedArguments =
  | { readonly ok: true; readonly input: unknown }
  | { readonly ok: false; readonly problems: string };

/**
 * Checks a call's arguments against the tool before its handler runs: keys the listed schema
 * does not declare are refused at any depth (a zod object would drop them in silence, so a
 * misspelt `query` for `text` would list everything), text with a NUL character is refused
 * (PostgreSQL cannot store it), and the rest is validated by the input schema. Every problem is
 * named in one answer, so the caller can fix them all in one retry.
 *
 * @example
 * const checked = checkArguments(tool, { query: 'vpn' }); // { ok: false, problems: '"query" (did you mean "text"?): not a parameter…' }
 */
export function checkArguments(
  tool: CompiledTool,
  args: Readonly<Record<string, unknown>>,
): CheckedArguments {
  const schema = tool.listing.inputSchema;
  const unknown = isSchemaNode(schema) ? unknownArguments(schema, args) : [];
  const nul = textsWithNul(args).map(
    (path) => `${path}: contains a NUL character (\\u0000), which cannot be stored; remove it`,
  );
  const ownProblems = [...(unknown.length > 0 ? [describeUnknown(tool, unknown)] : []), ...nul];
  let parsed: ReturnType<typeof tool.definition.input.safeParse>;
  try {
    parsed = tool.definition.input.safeParse(args);
  } catch (error) {
    // A refinement that throws (a date check on "yesterday") is still about the arguments.
    const reason = `they could not be checked (${(error as Error).message})`;
    return { ok: false, problems: [...ownProblems, reason].join('; ') };
  }
  if (parsed.success && ownProblems.length === 0) return { ok: true, input: parsed.data };
  // Unknown keys are named once, above, with what was likely meant; the validator's own report
  // of them is kept only where the listing could not show them (a `$ref` sent as given).
  const issues = parsed.success
    ? []
    : parsed.error.issues.filter(
        (issue) => unknown.length === 0 || issue.code !== 'unrecognized_keys',
      );
  const described = issues.length > 0 ? describeIssues({ issues }) : undefined;
  return { ok: false, problems: [...ownProblems, described].filter(Boolean).join('; ') };
}
