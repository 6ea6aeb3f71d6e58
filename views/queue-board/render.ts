// Drawing the board's rows: pure functions of the rows, so main.ts only keeps state.
import { h } from '../kit/dom.js';
import { minutesLeft, priorityLabel, slaClass, slaLabel, statusLabel } from '../kit/format.js';
import type { BoardRow } from './rows.js';

/** What a row shows under itself once opened: loading, the detail, or an error. */
export type RowDetail =
  | { kind: 'loading' }
  | { kind: 'error'; text: string }
  | { kind: 'ticket'; details: string; notes: number };

function slaCell(row: BoardRow): HTMLElement | null {
  // search_tickets sends no SLA figures: a "no SLA" badge on every row would only be noise.
  if (row.slaState === undefined) return null;
  const left = minutesLeft(row.minutesRemaining ?? null);
  return h(
    'span',
    { class: `badge sla-cell ${slaClass(row.slaState)}`, 'data-sla': row.slaState },
    // "breached 20 min ago" already says the state.
    left.startsWith('breached') ? left : `${slaLabel(row.slaState)} · ${left}`,
  );
}

function detailBlock(detail: RowDetail): HTMLElement {
  switch (detail.kind) {
    case 'loading':
      return h('div', { class: 'row-detail muted', role: 'status' }, 'Loading ticket…');
    case 'error':
      return h('div', { class: 'row-detail status-error', role: 'alert' }, detail.text);
    case 'ticket':
      return h(
        'div',
        { class: 'row-detail' },
        h('p', { class: 'details' }, detail.details === '' ? '(no details)' : detail.details),
        h('p', { class: 'muted' }, `${detail.notes} note${detail.notes === 1 ? '' : 's'}`),
      );
  }
}

/** Options of {@link boardRow}. */
export interface BoardRowOptions {
  detail?: RowDetail | undefined;
  /** Opens or closes the row's detail; without it the summary is plain text. */
  onOpen?: (() => void) | undefined;
}

/**
 * One ticket row: SLA colour and time left, number, summary, priority, status and assignee.
 *
 * @example
 * list.append(boardRow(row, { onOpen: () => open(row.id) }));
 */
export function boardRow(row: BoardRow, options: BoardRowOptions): HTMLElement {
  const summary = h('span', { class: 'summary' }, row.summary);
  const main = h(
    'div',
    { class: 'ticket-main' },
    slaCell(row),
    h('span', { class: 'num mono' }, `#${row.id}`),
    options.onOpen
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-expanded': options.detail ? 'true' : 'false',
            on: { click: options.onOpen },
          },
          summary,
        )
      : summary,
    h(
      'span',
      { class: 'meta' },
      h('span', { class: `prio prio-${row.priority}` }, priorityLabel(row.priority)),
      h('span', { class: 'badge', 'data-status': row.status }, statusLabel(row.status)),
      h('span', { class: 'assignee muted' }, row.assignee),
    ),
  );
  return h(
    'li',
    {
      class: `ticket ${row.slaState === undefined ? 'no-sla' : `${slaClass(row.slaState)}-row`}`,
      'data-ticket': row.id,
    },
    main,
    options.detail && detailBlock(options.detail),
  );
}
