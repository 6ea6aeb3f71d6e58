import type { CompiledTool } from './compile-tool.js';
import { describeIssues } from './validation-message.js';

/** Names listed in a message at most: a call with thousands of junk keys gets a short answer. */
const maxNamesShown = 5;

/**
 * The argument keys a tool does not take, as a line that names them and the tool's parameters
 * (`"junk": not a parameter of create_ticket; its parameters are summary, details…`).
 */
function unknownArguments(
  tool: CompiledTool,
  args: Readonly<Record<string, unknown>>,
): string | undefined {
  const known = tool.argumentNames;
  if (known === undefined) return undefined;
  const unknown = Object.keys(args).filter((key) => !known.has(key));
  if (unknown.length === 0) return undefined;
  const shown = unknown.slice(0, maxNamesShown).map((key) => JSON.stringify(key.slice(0, 64)));
  const more = unknown.length > maxNamesShown ? ` and ${unknown.length - maxNamesShown} more` : '';
  const one = unknown.length === 1;
  const parameters =
    known.size === 0 ? 'it takes no parameters' : `its parameters are ${[...known].join(', ')}`;
  return `${shown.join(', ')}${more}: not ${one ? 'a parameter' : 'parameters'} of ${tool.listing.name}; ${parameters}. Remove ${one ? 'it' : 'them'}`;
}

/** What checking a call's arguments gave: the parsed input, or the line telling the caller what to fix. */
export type CheckedArguments =
  | { readonly ok: true; readonly input: unknown }
  | { readonly ok: false; readonly problems: string };

/**
 * Checks a call's arguments against the tool before its handler runs: keys the tool does not
 * take are refused (a zod object would drop them in silence, so a misspelt `query` for `text`
 * would list everything), and the rest is validated by the input schema. Every problem is named
 * in one answer, so the caller can fix them all in one retry.
 *
 * @example
 * const checked = checkArguments(tool, { query: 'vpn' }); // { ok: false, problems: '"query": not a parameter…' }
 */
export function checkArguments(
  tool: CompiledTool,
  args: Readonly<Record<string, unknown>>,
): CheckedArguments {
  const unknown = unknownArguments(tool, args);
  let parsed: ReturnType<typeof tool.definition.input.safeParse>;
  try {
    parsed = tool.definition.input.safeParse(args);
  } catch (error) {
    // A refinement that throws (a date check on "yesterday") is still about the arguments.
    const reason = `they could not be checked (${(error as Error).message})`;
    return { ok: false, problems: unknown ? `${unknown}; ${reason}` : reason };
  }
  if (parsed.success && unknown === undefined) return { ok: true, input: parsed.data };
  // A strict schema reports the unknown keys too; they are named once, above.
  const issues = parsed.success
    ? []
    : parsed.error.issues.filter(
        (issue) =>
          unknown === undefined || issue.code !== 'unrecognized_keys' || issue.path.length > 0,
      );
  const described = issues.length > 0 ? describeIssues({ issues }) : undefined;
  return { ok: false, problems: [unknown, described].filter(Boolean).join('; ') };
}
