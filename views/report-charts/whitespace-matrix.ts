// The whitespace matrix when the rows cover many customers: services down the side (their names
// are long and must all be read), one narrow column per customer, and wide matrices scroll
// sideways in their container. One customer's report keeps the wider single column
// (whitespace.ts), which has room for "since" dates.
import { svg } from '../kit/dom.js';
import { cellCustomers, gapKey } from './gaps.js';
import type { WhitespaceCell } from './model.js';
import { CHAR_PX, chartSvg, label, labelColumn } from './svg-parts.js';
import type { GapLog } from './whitespace.js';

const ROW = 30;
const HEAD = 26;

/** What one cell of the matrix says: has it, a gap, a gap logged as a ticket, or no row at all. */
function cellState(
  cell: WhitespaceCell | undefined,
  log: GapLog | undefined,
): { state: string; words: string } {
  if (!cell) return { state: 'none', words: '–' };
  if (cell.has) return { state: 'has', words: 'has' };
  if (log?.kind === 'logged') return { state: 'logged', words: log.reference };
  if (log?.kind === 'pending') return { state: 'gap', words: '…' };
  return { state: 'gap', words: 'gap' };
}

/**
 * Services × customers: a filled cell where the customer has the service, a dashed "gap" where
 * not, "–" where the report has no row for the pair.
 *
 * @example
 * container.append(customersMatrix(cells, { width: 640, logs }));
 */
export function customersMatrix(
  cells: readonly WhitespaceCell[],
  options: { width: number; logs: ReadonlyMap<string, GapLog> },
): SVGSVGElement {
  const services = [...new Set(cells.map((c) => c.service))];
  const customers = cellCustomers(cells);
  const byKey = new Map(cells.map((c) => [gapKey(c), c]));
  const labelW = labelColumn(services, Math.max(100, Math.min(200, options.width * 0.4)));
  // A column is as wide as its longest customer name (72 to 112 px), so the names read; a
  // matrix wider than the view scrolls sideways in its container.
  const cellW = Math.max(
    72,
    Math.min(112, Math.max(...customers.map((c) => c.length)) * CHAR_PX + 12),
  );
  return chartSvg(
    {
      width: labelW + cellW * customers.length + 8,
      height: HEAD + services.length * ROW + 4,
      title: 'Services each customer has and lacks',
    },
    customers.map((customer, c) =>
      label(
        customer,
        { x: labelW + c * cellW + cellW / 2, y: 16, width: cellW - 4, anchor: 'middle' },
        'rc-head',
      ),
    ),
    services.map((service, r) => {
      const y = HEAD + r * ROW;
      return svg(
        'g',
        null,
        label(service, { x: labelW - 8, y: y + ROW / 2 + 4, width: labelW - 12, anchor: 'end' }),
        customers.map((customer, c) => {
          const cell = byKey.get(
            gapKey({ service, customer, category: '', has: false, since: null }),
          );
          const { state, words } = cellState(cell, cell && options.logs.get(gapKey(cell)));
          const x = labelW + c * cellW;
          return svg(
            'g',
            null,
            svg(
              'rect',
              {
                x: x + 1,
                y: y + 2,
                width: cellW - 2,
                height: ROW - 4,
                rx: 3,
                class: `rc-ws rc-ws-${state}`,
              },
              svg(
                'title',
                null,
                `${customer}, ${service}: ${state === 'none' ? 'no data' : words}`,
              ),
            ),
            svg(
              'text',
              {
                x: x + cellW / 2,
                y: y + ROW / 2 + 4,
                'text-anchor': 'middle',
                class: `rc-ws-text rc-ws-text-${state}`,
              },
              words,
            ),
          );
        }),
      );
    }),
  );
}
