import type { TicketFieldDefinition, TicketTypeInfo } from '../desk/api.js';

function takes(field: TicketFieldDefinition): string {
  switch (field.type) {
    case 'enum':
      return `one of ${(field.options ?? []).join(', ')}`;
    case 'date':
      return 'a date';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string':
    case 'text':
      return 'text';
  }
}

/**
 * What each ticket type needs in `customFields`: its required fields with no default (a field
 * with one is filled by the desk). `names` is short, for `create_ticket`'s description (which
 * OpenAI caps at 1,024 characters); `values` adds what each field takes, for the `customFields`
 * argument's description. Read from the desk at startup, as the `log_<type>` tools' schemas are.
 *
 * @example
 * typeNeeds(types).names
 * // 'Required customFields by type: change: change_window, rollback_plan; incident: affected_service.'
 */
export function typeNeeds(types: readonly TicketTypeInfo[]): {
  readonly names: string;
  readonly values: string;
} {
  const needing = types.flatMap((type) => {
    const required = type.fields.filter((f) => f.required && f.default === undefined);
    return required.length === 0 ? [] : [{ type: type.key, required }];
  });
  if (needing.length === 0) return { names: '', values: '' };
  const list = (describe: (field: TicketFieldDefinition) => string): string =>
    needing.map(({ type, required }) => `${type}: ${required.map(describe).join(', ')}`).join('; ');
  return {
    names: `Required customFields by type: ${list((f) => f.key)}.`,
    values: `Required by type: ${list((f) => `${f.key} (${takes(f)})`)}; other types require none.`,
  };
}
