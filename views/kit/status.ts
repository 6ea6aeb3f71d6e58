// One look for "loading", "error" and "nothing here", so every view says them the same way.
import { h } from './dom.js';

/** What a view can show instead of its content. */
export type StatusKind = 'loading' | 'error' | 'empty' | 'info';

/**
 * A status block: a polite live region for loading, empty and info, an alert for errors. The text is
 * shown as text (it may be a tool's error message).
 *
 * @example
 * document.body.replaceChildren(statusBlock('error', 'Ticket 42 not found'));
 */
export function statusBlock(kind: StatusKind, text: string): HTMLElement {
  return h(
    'div',
    { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    text,
  );
}

/**
 * The text of a tool result's content blocks, for showing an `isError` result.
 *
 * @example
 * statusBlock('error', resultText({ content: [{ type: 'text', text: 'no such ticket' }] }))
 */
export function resultText(result: { content?: { type: string; text?: string }[] }): string {
  const text = (result.content ?? [])
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text)
    .join('\n');
  return text === '' ? 'The tool failed without a message.' : text;
}
