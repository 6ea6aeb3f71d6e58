// The whitespace report: the customer × services matrix (services down the side, so a phone
// reads every name; the report is about one customer, the column) with its gaps marked, and
// below it a "Log opportunity" button per gap when the server allows log_opportunity.
import { h, svg } from '../kit/dom.js';
import { whitespaceCells, type ReportResult, type WhitespaceCell } from './model.js';
import { customerOf } from './opportunity.js';
import { chartSvg, label, labelColumn } from './svg-parts.js';
import { cellCustomers, gapKey } from './gaps.js';
import { customersMatrix } from './whitespace-matrix.js';

/** Where logging an opportunity for one gap stands. */
export type GapLog =
  { kind: 'pending' } | { kind: 'logged'; reference: string } | { kind: 'error'; text: string };

/** What the whitespace view needs besides the report. */
export interface WhitespaceOptions {
  width: number;
  /** Offer the button (the result's actions name log_opportunity). */
  canLog: boolean;
  /** Per gap (`gapKey`: customer and service), what logging it gave. */
  logs: ReadonlyMap<string, GapLog>;
  onLog(cell: WhitespaceCell): void;
}

const ROW = 30;

function cellWords(cell: WhitespaceCell, log: GapLog | undefined): string {
  if (cell.has) return cell.since === null ? 'has it' : `since ${cell.since.slice(0, 10)}`;
  if (log?.kind === 'logged') return `logged ${log.reference}`;
  if (log?.kind === 'pending') return 'logging…';
  return 'gap';
}

function matrix(
  report: ReportResult,
  cells: readonly WhitespaceCell[],
  options: WhitespaceOptions,
): SVGSVGElement {
  const customer = customerOf(report).name;
  // The cell needs about 120 px ("since 2024-12-06"); the service names get the rest.
  const labelW = labelColumn(
    cells.map((c) => c.service),
    Math.max(100, Math.min(260, options.width - 128)),
  );
  const cellW = Math.max(120, Math.min(200, options.width - labelW - 8));
  const head = 26;
  return chartSvg(
    {
      width: labelW + cellW + 8,
      height: head + cells.length * ROW + 4,
      title: `Services ${customer} has and lacks`,
    },
    label(
      customer,
      { x: labelW + cellW / 2, y: 16, width: cellW - 4, anchor: 'middle' },
      'rc-head',
    ),
    cells.map((cell, i) => {
      const y = head + i * ROW;
      const log = options.logs.get(gapKey(cell));
      const state = cell.has ? 'has' : log?.kind === 'logged' ? 'logged' : 'gap';
      return svg(
        'g',
        null,
        label(cell.service, {
          x: labelW - 8,
          y: y + ROW / 2 + 4,
          width: labelW - 12,
          anchor: 'end',
        }),
        svg(
          'rect',
          {
            x: labelW + 1,
            y: y + 2,
            width: cellW - 2,
            height: ROW - 4,
            rx: 3,
            class: `rc-ws rc-ws-${state}`,
          },
          svg('title', null, `${cell.service}: ${state === 'has' ? 'has it' : state}`),
        ),
        svg(
          'text',
          {
            x: labelW + cellW / 2,
            y: y + ROW / 2 + 4,
            'text-anchor': 'middle',
            class: `rc-ws-text rc-ws-text-${state}`,
          },
          cellWords(cell, log),
        ),
      );
    }),
  );
}

function gapItem(cell: WhitespaceCell, options: WhitespaceOptions, customer: string): HTMLElement {
  const log = options.logs.get(gapKey(cell));
  return h(
    'li',
    { class: 'rc-gap' },
    h(
      'span',
      { class: 'rc-gap-name' },
      cell.customer === undefined ? cell.service : `${cell.service} · ${cell.customer}`,
    ),
    log?.kind === 'logged'
      ? h('span', { class: 'badge sla-ok' }, `Logged ${log.reference}`)
      : options.canLog &&
          h(
            'button',
            {
              type: 'button',
              disabled: log?.kind === 'pending',
              'aria-label': `Log opportunity: ${cell.service} for ${cell.customer ?? customer}`,
              on: { click: () => options.onLog(cell) },
            },
            log?.kind === 'pending' ? 'Logging…' : 'Log opportunity',
          ),
    log?.kind === 'error' && h('span', { class: 'rc-error', role: 'alert' }, log.text),
  );
}

/**
 * The whitespace matrix, a one-line summary and the list of gaps with their actions.
 *
 * @example
 * replaceChildren(main, whitespaceView(report, { width: 640, canLog: true, logs, onLog }));
 */
export function whitespaceView(report: ReportResult, options: WhitespaceOptions): HTMLElement {
  const cells = whitespaceCells(report.rows);
  const gaps = cells.filter((c) => !c.has);
  const customer = customerOf(report).name;
  // Rows that name more than one customer: a services × customers matrix, no one summary.
  if (cellCustomers(cells).length > 1) return manyCustomers(cells, gaps, options);
  const manager = report.summary.account_manager as Record<string, unknown> | null | undefined;
  const has =
    typeof report.summary.has === 'number' ? report.summary.has : cells.length - gaps.length;
  const lacks = typeof report.summary.lacks === 'number' ? report.summary.lacks : gaps.length;
  return h(
    'section',
    null,
    h(
      'p',
      { class: 'muted' },
      `${customer} has ${has} of ${has + lacks} services`,
      typeof manager?.name === 'string' ? ` · account manager ${manager.name}` : '',
    ),
    h('div', { class: 'rc-scroll' }, matrix(report, cells, options)),
    gapList(gaps, options, customer),
  );
}

function gapList(
  gaps: readonly WhitespaceCell[],
  options: WhitespaceOptions,
  customer: string,
): HTMLElement | false {
  return (
    gaps.length > 0 &&
    h(
      'section',
      { class: 'rc-gaps' },
      h('h2', null, `Gaps (${gaps.length})`),
      !options.canLog &&
        h('p', { class: 'muted' }, 'Logging opportunities is not offered to you here.'),
      h(
        'ul',
        null,
        gaps.map((cell) => gapItem(cell, options, customer)),
      ),
    )
  );
}

function manyCustomers(
  cells: readonly WhitespaceCell[],
  gaps: readonly WhitespaceCell[],
  options: WhitespaceOptions,
): HTMLElement {
  const customers = cellCustomers(cells).length;
  return h(
    'section',
    null,
    h('p', { class: 'muted' }, `${customers} customers · ${gaps.length} gaps`),
    h('div', { class: 'rc-scroll' }, customersMatrix(cells, options)),
    gapList(gaps, options, 'the customer'),
  );
}
