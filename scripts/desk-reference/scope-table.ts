import type { DeskStoreDoc, MethodDoc } from './desk-store-model.js';

/** One scope the desk defines, and the store methods that refuse a caller without it. */
export interface ScopeRow {
  readonly scope: string;
  /** The text the consent page shows for it. */
  readonly consent: string;
  readonly checkedBy: readonly string[];
}

/** Scopes a text names, e.g. `tickets:read:own` or the pattern `tickets:*:org`. */
function scopesNamedIn(text: string): string[] {
  return [...text.matchAll(/`([a-z][a-z-]*(?::[a-z*][a-z-]*)+)`/g)].map((match) => match[1]!);
}

/** True when `pattern` (segments of which may be `*`) names `scope`. */
function names(pattern: string, scope: string): boolean {
  const wanted = pattern.split(':');
  const parts = scope.split(':');
  return wanted.length === parts.length && wanted.every((w, i) => w === '*' || w === parts[i]);
}

/** A method checks a scope when one of its `@throws` names it: it refuses a caller without it. */
function checks(method: MethodDoc, scope: string): boolean {
  return method.comment.throws.some((t) =>
    scopesNamedIn(t.text).some((pattern) => names(pattern, scope)),
  );
}

/**
 * The desk's scopes in the order the plugin defines them, each with the methods whose `@throws`
 * names it in backticks (`*` matching any segment): the methods that refuse a caller without it.
 * A scope no method names is checked only by the tools that declare it.
 *
 * @example
 * scopeRows(doc, deskPlugin().scopes)[0]; // { scope: 'tickets:read:own', consent: '…', checkedBy: ['tickets.get', …] }
 */
export function scopeRows(
  doc: DeskStoreDoc,
  scopes: Readonly<Record<string, string>>,
): readonly ScopeRow[] {
  const methods = [...doc.methods, ...doc.parts.flatMap((part) => part.methods)];
  return Object.entries(scopes).map(([scope, consent]) => ({
    scope,
    consent,
    checkedBy: methods.filter((method) => checks(method, scope)).map((method) => method.path),
  }));
}
