import { z } from 'zod';
import type { TicketFieldDefinition, TicketFieldType } from '../desk/api.js';
import { configInvalid } from './tool-config.js';

/**
 * The arguments every ticket-type tool has besides the type's own fields; a field with one of
 * these keys would be ambiguous, so it stops startup.
 *
 * @example
 * commonArgumentNames.includes('summary') // true
 */
export const commonArgumentNames: readonly string[] = Object.freeze([
  'summary',
  'details',
  'priority',
  'requester',
  'organisation',
  'team',
  'agent',
]);

// What every assistant accepts as a property name (Anthropic's API is the strictest).
const propertyNamePattern = /^[A-Za-z0-9_.-]{1,64}$/;
const fieldTypes: readonly TicketFieldType[] = [
  'string',
  'text',
  'number',
  'boolean',
  'date',
  'enum',
];
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** What a value of `field` must be, in the words of an error message. */
function expected(field: TicketFieldDefinition): string {
  switch (field.type) {
    case 'enum':
      return `one of ${(field.options ?? []).map((o) => `"${o}"`).join(', ')}`;
    case 'date':
      return 'a date such as 2026-03-31';
    case 'string':
    case 'text':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
  }
}

/** The error for a missing or wrong value: names the field and says what it takes. */
function fieldError(field: TicketFieldDefinition) {
  return (issue: { readonly input?: unknown }) =>
    issue.input === undefined
      ? `${field.key} (${field.label}) is required: give ${expected(field)}`
      : `${field.key} (${field.label}) must be ${expected(field)}`;
}

function baseSchema(field: TicketFieldDefinition): z.ZodType<string | number | boolean> {
  const error = fieldError(field);
  switch (field.type) {
    case 'string':
    case 'text':
      return z.string({ error });
    case 'number':
      return z.number({ error });
    case 'boolean':
      return z.boolean({ error });
    case 'date':
      return z
        .string({ error })
        .regex(isoDate, { error })
        .refine((value) => !Number.isNaN(Date.parse(value)), { error });
    case 'enum':
      return z.enum(field.options as [string, ...string[]], { error });
  }
}

/** The text the model reads about a field: its label, its description, and a date's format. */
function describeField(field: TicketFieldDefinition): string {
  const parts = [field.label];
  if (field.description !== undefined && field.description.trim() !== '') {
    parts.push(field.description.trim());
  }
  if (field.type === 'date') parts.push('A date such as 2026-03-31.');
  if (!field.required && field.default === undefined) parts.push('Optional.');
  return parts.join('. ').replace(/\.\./g, '.');
}

/**
 * The zod schema of one of a ticket type's own fields: its type (an enum with the type's options),
 * required or optional, its default and its description.
 *
 * @example
 * fieldSchema({ key: 'stage', label: 'Stage', type: 'enum', required: false, options: ['new', 'won'], default: 'new' })
 */
export function fieldSchema(field: TicketFieldDefinition): z.ZodType {
  const base = baseSchema(field);
  const shaped =
    field.default !== undefined
      ? base.default(field.default)
      : field.required
        ? base
        : base.optional();
  return shaped.describe(describeField(field));
}

/**
 * Checks a ticket type's field definitions before they become a tool's arguments: keys an
 * assistant accepts as property names, none used twice or taken by a common argument, enums with
 * options, defaults of the field's own type. Throws `CONFIG_INVALID` naming `owner`.
 *
 * @example
 * checkFieldDefinitions(type.fields, 'tool "log_opportunity" (ticket type "opportunity")')
 */
export function checkFieldDefinitions(
  fields: readonly TicketFieldDefinition[],
  owner: string,
): void {
  const seen = new Set<string>();
  for (const field of fields) {
    const label = `${owner}: field "${String(field.key)}"`;
    if (typeof field.key !== 'string' || !propertyNamePattern.test(field.key)) {
      throw configInvalid(
        `${label} is not a valid argument name; field keys must match /^[A-Za-z0-9_.-]{1,64}$/ — rename it in the ticket type`,
      );
    }
    if (commonArgumentNames.includes(field.key)) {
      throw configInvalid(
        `${label} clashes with the common argument "${field.key}" (${commonArgumentNames.join(', ')}); rename the field in the ticket type`,
      );
    }
    if (!fieldTypes.includes(field.type)) {
      throw configInvalid(
        `${label} has type "${String(field.type)}"; a field's type is one of ${fieldTypes.join(', ')}`,
      );
    }
    if (seen.has(field.key)) {
      throw configInvalid(`${label} is defined twice; give each field its own key`);
    }
    seen.add(field.key);
    if (field.type === 'enum' && (field.options ?? []).length === 0) {
      throw configInvalid(`${label} is an enum with no options; list its options`);
    }
    if (field.default !== undefined && !baseSchema(field).safeParse(field.default).success) {
      throw configInvalid(
        `${label} has default ${JSON.stringify(field.default)}, which is not ${expected(field)}; fix the default`,
      );
    }
  }
}
