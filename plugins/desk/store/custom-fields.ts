import { ToolError } from '../../../core/index.js';
import type { TicketFieldDefinition, TicketTypeRow } from '../schema/tables.js';

/** A ticket's custom field values by field key. */
export type CustomFieldValues = Readonly<Record<string, string | number | boolean>>;

/** The field definitions of a ticket type, parsed from `desk_ticket_types.fields`. */
export function fieldDefinitions(type: TicketTypeRow): readonly TicketFieldDefinition[] {
  const parsed: unknown = JSON.parse(type.fields);
  return Array.isArray(parsed) ? (parsed as TicketFieldDefinition[]) : [];
}

/** Parses a ticket's stored `custom_fields` JSON. */
export function parseCustomFields(json: string): CustomFieldValues {
  const parsed: unknown = JSON.parse(json);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as CustomFieldValues)
    : {};
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function describe(field: TicketFieldDefinition): string {
  if (field.type === 'enum') return `one of ${(field.options ?? []).join(', ')}`;
  if (field.type === 'date') return 'a date such as 2026-03-31';
  if (field.type === 'text') return 'a string';
  return `a ${field.type}`;
}

function valid(field: TicketFieldDefinition, value: unknown): boolean {
  switch (field.type) {
    case 'string':
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value));
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value);
  }
}

/** What a field takes, as the caller must hear it: `affected_service (Affected service): one of …`. */
export function fieldNeed(field: TicketFieldDefinition): string {
  return `${field.key} (${field.label}): ${describe(field)}`;
}

/**
 * Checks custom field values against a ticket type's own field definitions and returns them with
 * defaults filled in. `current` holds the values already on the ticket; in `changes` a `null`
 * removes a value. Every problem is reported at once, as advice the model can act on.
 *
 * @example
 * validateCustomFields(type, { current: {}, changes: { estimated_value: 25000, stage: 'proposal' } })
 */
export function validateCustomFields(
  type: TicketTypeRow,
  values: {
    readonly current: CustomFieldValues;
    readonly changes: Readonly<Record<string, unknown>>;
  },
): CustomFieldValues {
  const { current, changes } = values;
  const fields = fieldDefinitions(type);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: string[] = [];
  const result: Record<string, string | number | boolean> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    const field = byKey.get(key);
    if (field === undefined) {
      const known = fields.map((f) => f.key).join(', ') || 'none';
      problems.push(`"${key}" is not a field of ${type.key} (its fields: ${known})`);
    } else if (value === null || value === undefined) {
      delete result[key];
    } else if (!valid(field, value)) {
      problems.push(`${key} must be ${describe(field)}`);
    } else {
      result[key] = value as string | number | boolean;
    }
  }
  for (const field of fields) {
    if (result[field.key] !== undefined) continue;
    if (field.default !== undefined) result[field.key] = field.default;
    else if (field.required) problems.push(`required: ${fieldNeed(field)}`);
  }
  if (problems.length > 0) {
    throw new ToolError(`invalid custom fields for ${type.name}: ${problems.join('; ')}`);
  }
  return Object.freeze(result);
}
