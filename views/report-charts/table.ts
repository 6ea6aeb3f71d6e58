// Any report the view has no chart for: its rows as a plain table, columns from the row keys.
import { h } from '../kit/dom.js';
import { unfence } from '../kit/untrusted.js';
import { tableColumns } from './model.js';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unfence(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * A table of report rows (every value as text; objects as JSON), scrolling sideways when wide.
 *
 * @example
 * container.append(rowsTable(report.rows));
 */
export function rowsTable(rows: readonly Record<string, unknown>[]): HTMLElement {
  const columns = tableColumns(rows);
  return h(
    'div',
    { class: 'rc-scroll' },
    h(
      'table',
      { class: 'rc-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((c) => h('th', { scope: 'col' }, c.replaceAll('_', ' '))),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((row) =>
          h(
            'tr',
            null,
            columns.map((c) => h('td', null, cellText(row[c]))),
          ),
        ),
      ),
    ),
  );
}
