import { ToolError } from '../../core/index.js';

/**
 * Where the next page of `search_tickets` starts: an offset into a ranked search or a list cursor.
 *
 * @example
 * const next: SearchPosition = { kind: 'search', offset: 40 };
 */
export type SearchPosition =
  | { readonly kind: 'search'; readonly offset: number }
  | { readonly kind: 'list'; readonly cursor: string };

/**
 * Wraps a page position in one opaque cursor, so the model passes back a single value whichever
 * store call produced the page.
 *
 * @example
 * encodeSearchCursor({ kind: 'search', offset: 20 }) // 'eyJrIjoic2VhcmNoIiwibyI6MjB9'
 */
export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function invalid(): ToolError {
  return new ToolError(
    'cursor: not one this tool handed out for this search; call search_tickets again without a cursor',
  );
}

/**
 * Reads a cursor made by {@link encodeSearchCursor}; `kind` says which store call this search
 * makes, and a cursor from the other one is refused.
 *
 * @example
 * decodeSearchCursor(input.cursor, 'search') // { kind: 'search', offset: 20 }
 */
export function decodeSearchCursor(cursor: string, kind: SearchPosition['kind']): SearchPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null) throw invalid();
  const position = value as Record<string, unknown>;
  if (kind === 'search' && position['kind'] === 'search') {
    const offset = position['offset'];
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) {
      return { kind, offset };
    }
  }
  if (kind === 'list' && position['kind'] === 'list' && typeof position['cursor'] === 'string') {
    return { kind, cursor: position['cursor'] };
  }
  throw invalid();
}
