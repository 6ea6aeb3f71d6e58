import { resolvePath, type RunScope } from './run-scope.js';

/** A JSON-like value in which strings may hold `{{ path }}` placeholders. */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | readonly TemplateValue[]
  | { readonly [key: string]: TemplateValue };

/**
 * A step's arguments: an object whose strings may hold placeholders.
 *
 * @example
 * const args: ArgumentTemplate = { ticketId: '{{ steps.ticket.result.id }}', minutes: 45 };
 */
export type ArgumentTemplate = { readonly [key: string]: TemplateValue };

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/**
 * Every path a template refers to, with the argument it sits in (`body`, `tags.0`), so startup
 * can check each one.
 *
 * @example
 * templateReferences({ body: 'See {{ steps.kb.result.articles.0.title }}' })
 * // [{ argument: 'body', path: 'steps.kb.result.articles.0.title' }]
 */
export function templateReferences(
  template: TemplateValue,
  at = '',
): { readonly argument: string; readonly path: string }[] {
  if (typeof template === 'string') {
    return [...template.matchAll(placeholder)].map((match) => ({
      argument: at,
      path: match[1] ?? '',
    }));
  }
  if (template === null || typeof template !== 'object') return [];
  return Object.entries(template).flatMap(([key, inner]) =>
    templateReferences(inner, at === '' ? key : `${at}.${key}`),
  );
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * Fills a template from the run so far. A string that is one placeholder keeps the value's type
 * (a number stays a number, an object an object; a missing value leaves the argument out); a
 * placeholder inside other text is replaced by the value as text. Nothing is evaluated.
 *
 * @example
 * renderTemplate({ ticketId: '{{ steps.ticket.result.id }}' }, scope) // { ticketId: 42 }
 */
export function renderTemplate(template: TemplateValue, scope: RunScope): unknown {
  if (typeof template === 'string') {
    const whole = wholePlaceholder.exec(template);
    if (whole) return resolvePath(scope, whole[1] ?? '');
    return template.replace(placeholder, (_, path: string) => asText(resolvePath(scope, path)));
  }
  if (Array.isArray(template)) {
    return template.map((inner: TemplateValue) => renderTemplate(inner, scope) ?? null);
  }
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(template)) {
    const value = renderTemplate(inner, scope);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
