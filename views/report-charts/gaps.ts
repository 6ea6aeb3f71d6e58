// Gaps of the whitespace report: the key each gap's log is kept under and the customers the
// rows name. Pure (no DOM), so node tests import it.
import type { WhitespaceCell } from './model.js';

/**
 * The key of a gap in the logs: its customer and its service (one customer's report has no
 * customer on its cells, so there the service alone tells gaps apart).
 *
 * @example
 * logs.set(gapKey(cell), { kind: 'pending' });
 */
export function gapKey(cell: WhitespaceCell): string {
  return `${cell.customer ?? ''}\u0000${cell.service}`;
}

/**
 * The customers the cells name, in the order first seen; empty when no cell names one.
 *
 * @example
 * cellCustomers(whitespaceCells(report.rows)) // ['Acorn Construction', 'Birch Dental']
 */
export function cellCustomers(cells: readonly WhitespaceCell[]): string[] {
  const names: string[] = [];
  for (const cell of cells)
    if (cell.customer !== undefined && !names.includes(cell.customer)) names.push(cell.customer);
  return names;
}
