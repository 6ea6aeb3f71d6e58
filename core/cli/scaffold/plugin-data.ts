import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import type { PluginNames } from './plugin-names.js';

/**
 * Who may read a scaffolded plugin's data: `staff` (agents, admins and service accounts; the
 * default) or `everyone` signed in, end users included.
 *
 * @example
 * pluginNames('parts-catalogue', 'staff' satisfies PluginData).scope // 'parts-catalogue:read:all'
 */
export type PluginData = 'staff' | 'everyone';

/**
 * How `new plugin` learns who the data is for: `--for staff|everyone`; else, on a terminal, the
 * answer to one question; else staff, the default.
 *
 * @example
 * const data = await choosePluginData({ id: 'parts-catalogue', for: undefined, ask: undefined }); // 'staff'
 */
export async function choosePluginData(request: {
  readonly id: string;
  /** The `--for` option as given. */
  readonly for: unknown;
  /** Asks on the terminal; absent when nobody can answer (no TTY, a script, a test). */
  readonly ask: ((question: string) => Promise<string>) | undefined;
}): Promise<{ readonly data: PluginData; readonly how: 'option' | 'answer' | 'default' }> {
  if (request.for !== undefined) {
    if (request.for === 'staff' || request.for === 'everyone') {
      return { data: request.for, how: 'option' };
    }
    throw new ServiceDeskError(
      'CLI_USAGE',
      `--for is ${JSON.stringify(request.for)}; use --for staff when only agents, admins and service ` +
        `accounts may read the plugin's data (scopes ${request.id}:read:all and ${request.id}:write:all), ` +
        `or --for everyone when end users may read it too (scope ${request.id}:read)`,
    );
  }
  if (request.ask === undefined) return { data: 'staff', how: 'default' };
  const answer = await request.ask(
    `Is the data of "${request.id}" for staff only (agents, admins, service accounts)? [Y/n] `,
  );
  return { data: /^\s*no?\s*$/i.test(answer) ? 'everyone' : 'staff', how: 'answer' };
}

/**
 * The lines `new plugin` prints about the scopes it chose and what the default role policy does
 * with them.
 *
 * @example
 * for (const line of scopeAdvice(pluginNames('parts-catalogue', 'staff'), 'default')) ctx.out(line);
 */
export function scopeAdvice(
  names: PluginNames,
  how: 'option' | 'answer' | 'default',
): readonly string[] {
  const chosen =
    names.data === 'staff'
      ? `staff-only data${how === 'default' ? ' (the default; --for everyone if end users may read it)' : ''}`
      : 'data everyone signed in may read';
  return [
    `Scopes, for ${chosen}:`,
    `  ${names.scope}  (${names.tool} needs it)`,
    `  ${names.writeScope}  (for the write tools you add)`,
    names.data === 'staff'
      ? '  The default role policy lets end users hold only :own and :org extents and plain reads ' +
        `(like kb:read), never an :all scope: no end user's token gets ${names.scope}, even where a ` +
        'collection grants it; agents, admins and service accounts may hold it.'
      : `  The default role policy lets end users hold plain reads like ${names.scope}, but never an ` +
        `:all scope such as ${names.writeScope}, which agents, admins and service accounts may hold.`,
  ];
}
