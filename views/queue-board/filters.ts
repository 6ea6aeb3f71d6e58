// Filter chips: one group per field (status, priority, SLA), built from the values present in
// the loaded rows. They filter locally: the board already holds the rows, and a re-call would
// lose the tool's own arguments' meaning (get_assigned_tickets has no priority argument).
import { h } from '../kit/dom.js';
import { priorityLabel, slaLabel, statusLabel } from '../kit/format.js';
import type { BoardRow } from './rows.js';

/** The chosen values per field; an empty set means "any". */
export interface FilterChoice {
  status: Set<string>;
  priority: Set<string>;
  sla: Set<string>;
}

type Field = keyof FilterChoice;

const valueOf: Record<Field, (row: BoardRow) => string | undefined> = {
  status: (row) => row.status,
  priority: (row) => String(row.priority),
  sla: (row) => row.slaState,
};

const groupName: Record<Field, string> = { status: 'Status', priority: 'Priority', sla: 'SLA' };

const labelOf: Record<Field, (value: string) => string> = {
  status: statusLabel,
  priority: (value) => priorityLabel(Number(value)),
  sla: slaLabel,
};

/**
 * Whether a row passes every chosen filter.
 *
 * @example
 * rows.filter((row) => matches(row, choice))
 */
export function matches(row: BoardRow, choice: FilterChoice): boolean {
  return (Object.keys(valueOf) as Field[]).every((field) => {
    const chosen = choice[field];
    const value = valueOf[field](row);
    return chosen.size === 0 || (value !== undefined && chosen.has(value));
  });
}

/**
 * The chip bar: a toggle button per value present, grouped by field; `onChange` redraws.
 *
 * @example
 * filterBar(rows, choice, () => draw())
 */
export function filterBar(
  rows: readonly BoardRow[],
  choice: FilterChoice,
  onChange: () => void,
): HTMLElement {
  const groups = (Object.keys(valueOf) as Field[]).map((field) => {
    const values = [...new Set(rows.map(valueOf[field]))]
      .filter((v): v is string => v !== undefined)
      .sort();
    if (values.length < 2 && choice[field].size === 0) return null;
    return h(
      'div',
      { class: 'chips', role: 'group', 'aria-label': `Filter by ${groupName[field]}` },
      h('span', { class: 'chips-label muted' }, groupName[field]),
      values.map((value) => {
        const on = choice[field].has(value);
        return h(
          'button',
          {
            type: 'button',
            class: field === 'sla' ? `chip badge sla-${value}` : 'chip badge',
            'aria-pressed': on ? 'true' : 'false',
            on: {
              click: () => {
                if (on) choice[field].delete(value);
                else choice[field].add(value);
                onChange();
              },
            },
          },
          labelOf[field](value),
        );
      }),
    );
  });
  return h('div', { class: 'filters' }, groups);
}
