import { ToolError } from '../../core/index.js';

/**
 * Which argument a store message is about, by how the message starts (or, where two arguments'
 * messages start alike, by a pattern).
 *
 * @example
 * const rules: FieldRules = [['unknown team', 'team'], [/^user \d+ is not an active agent/, 'agent']];
 */
export type FieldRules = readonly (readonly [start: string | RegExp, field: string])[];

/**
 * Runs a store call and, when it refuses with a message about one argument, prefixes the
 * argument's name (`customFields: ...`) so the model knows which one to fix.
 *
 * @example
 * await namingFields(() => desk.tickets.create(principal, ticket), [['invalid custom fields', 'customFields']]);
 */
export async function namingFields<T>(call: () => Promise<T>, rules: FieldRules): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const rule = rules.find(([start]) =>
      typeof start === 'string' ? error.message.startsWith(start) : start.test(error.message),
    );
    if (rule === undefined) throw error;
    throw new ToolError(`${rule[1]}: ${error.message}`, { cause: error });
  }
}
