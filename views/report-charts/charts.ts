// The three charts of the built-in reports, in plain SVG: horizontal bars (names beside them
// read on a phone), a heat map and stacked bars. Colours are CSS classes over base.css's
// light/dark custom properties; every value is also printed as text.
import { svg } from '../kit/dom.js';
import { hoursText, niceTicks, type HeatGrid, type MissedBar, type StackedModel } from './model.js';
import { chartSvg, label, labelColumn, valueAxis } from './svg-parts.js';

const BAR = 22;
const GAP = 10;
const TOP = 8;

/** Space for the value text printed after a bar: its longest text at about 6.5 px a character. */
function valueColumn(texts: readonly string[]): number {
  return Math.ceil(Math.max(0, ...texts.map((t) => t.length)) * 6.5) + 14;
}

function missedWords(bar: MissedBar): string {
  return `${bar.missed} of ${bar.handled} missed (${bar.percent}%)`;
}

/**
 * Missed SLAs per technician: a light bar of tickets handled, with the missed ones over it in
 * the breach colour, and "missed of handled (percent)" printed after it.
 *
 * @example
 * container.append(missedChart(missedBars(report.rows), 640));
 */
export function missedChart(bars: readonly MissedBar[], width: number): SVGSVGElement {
  const labelW = labelColumn(
    bars.map((b) => b.label),
    Math.min(160, width * 0.35),
  );
  const plot = Math.max(60, width - labelW - valueColumn(bars.map(missedWords)));
  const ticks = niceTicks(Math.max(1, ...bars.map((b) => b.handled)), plot < 160 ? 2 : 5);
  const scale = plot / (ticks[ticks.length - 1] ?? 1);
  const bottom = TOP + bars.length * (BAR + GAP);
  return chartSvg(
    { width, height: bottom + 36, title: 'Missed SLA tickets and tickets handled per technician' },
    valueAxis({
      ticks,
      x0: labelW,
      plot,
      top: TOP - 4,
      bottom,
      format: String,
      caption: 'tickets',
    }),
    bars.map((bar, i) => {
      const y = TOP + i * (BAR + GAP);
      const summary = missedWords(bar);
      return svg(
        'g',
        null,
        label(bar.label, { x: labelW - 8, y: y + BAR / 2 + 4, width: labelW - 12, anchor: 'end' }),
        svg(
          'rect',
          { x: labelW, y, width: bar.handled * scale, height: BAR, class: 'rc-handled' },
          svg('title', null, `${bar.label}: ${bar.handled} handled`),
        ),
        svg(
          'rect',
          { x: labelW, y: y + 4, width: bar.missed * scale, height: BAR - 8, class: 'rc-missed' },
          svg('title', null, `${bar.label}: ${summary}`),
        ),
        svg(
          'text',
          { x: labelW + bar.handled * scale + 6, y: y + BAR / 2 + 4, class: 'rc-value' },
          summary,
        ),
      );
    }),
  );
}

const CELL_H = 34;

/**
 * Open tickets as a team × priority heat map: the cell's fill grows with its count (opacity of
 * the accent colour, so it works on either theme) and the count is printed in it.
 *
 * @example
 * container.append(heatChart(heatGrid(report.rows, report.parameters), 640));
 */
export function heatChart(grid: HeatGrid, width: number): SVGSVGElement {
  const labelW = labelColumn(grid.rows, Math.min(170, width * 0.4));
  // Cells at least 44 px wide (a count and a tap); wider screens share the rest evenly. The
  // last column is the team's total, as text.
  const totalW = 48;
  const cellW = Math.max(
    44,
    Math.min(120, (width - labelW - totalW - 8) / Math.max(1, grid.columns.length)),
  );
  const head = 24;
  const totalX = labelW + cellW * grid.columns.length;
  const total = totalX + totalW + 8;
  const names: Record<number, string> = {
    1: 'P1 critical',
    2: 'P2 high',
    3: 'P3 medium',
    4: 'P4 low',
  };
  return chartSvg(
    {
      width: total,
      height: head + grid.rows.length * CELL_H + 4,
      title: 'Open tickets by team and priority',
    },
    grid.columns.map((priority, c) =>
      label(
        cellW >= 84 ? (names[priority] ?? `P${priority}`) : `P${priority}`,
        { x: labelW + c * cellW + cellW / 2, y: 16, width: cellW - 4, anchor: 'middle' },
        'rc-head',
      ),
    ),
    svg(
      'text',
      { x: totalX + totalW / 2, y: 16, class: 'rc-head', 'text-anchor': 'middle' },
      'Total',
    ),
    grid.rows.map((team, r) =>
      svg(
        'g',
        null,
        svg(
          'text',
          {
            x: totalX + totalW / 2,
            y: head + r * CELL_H + CELL_H / 2 + 4,
            class: 'rc-value',
            'text-anchor': 'middle',
          },
          String((grid.values[r] ?? []).reduce((sum, v) => sum + v, 0)),
        ),
        label(team, {
          x: labelW - 8,
          y: head + r * CELL_H + CELL_H / 2 + 4,
          width: labelW - 12,
          anchor: 'end',
        }),
        grid.columns.map((priority, c) => {
          const count = grid.values[r]?.[c] ?? 0;
          const share = grid.max === 0 ? 0 : count / grid.max;
          const x = labelW + c * cellW;
          const y = head + r * CELL_H;
          return svg(
            'g',
            null,
            svg(
              'rect',
              {
                x: x + 1,
                y: y + 1,
                width: cellW - 2,
                height: CELL_H - 2,
                rx: 3,
                class: count === 0 ? 'rc-cell rc-cell-empty' : 'rc-cell',
                'fill-opacity': count === 0 ? 1 : (0.15 + 0.85 * share).toFixed(2),
              },
              svg('title', null, `${team}, P${priority}: ${count} open`),
            ),
            svg(
              'text',
              {
                x: x + cellW / 2,
                y: y + CELL_H / 2 + 4,
                'text-anchor': 'middle',
                // On the darker cells the count takes the background colour to stay readable.
                class:
                  count === 0
                    ? 'rc-cell-text rc-cell-zero'
                    : share > 0.55
                      ? 'rc-cell-text rc-on-strong'
                      : 'rc-cell-text',
              },
              String(count),
            ),
          );
        }),
      ),
    ),
  );
}

/**
 * Light-to-dark opacity of week `index` of `count`: the latest week is the strongest.
 *
 * @example
 * weekOpacity(3, 4) // 1
 */
export function weekOpacity(index: number, count: number): number {
  return count <= 1 ? 1 : 0.3 + (0.7 * index) / (count - 1);
}

/**
 * Time logged: a bar per agent stacked by week (oldest lightest), the total printed after it,
 * and a legend of the weeks.
 *
 * @example
 * container.append(stackedChart(stackedByAgent(report.rows), 640));
 */
export function stackedChart(model: StackedModel, width: number): SVGSVGElement {
  const labelW = labelColumn(
    model.bars.map((b) => b.label),
    Math.min(160, width * 0.35),
  );
  const plot = Math.max(
    60,
    width - labelW - valueColumn(model.bars.map((b) => hoursText(b.total))),
  );
  const ticks = niceTicks(Math.max(60, model.max) / 60, plot < 160 ? 2 : 5);
  const scale = plot / ((ticks[ticks.length - 1] ?? 1) * 60);
  const bottom = TOP + model.bars.length * (BAR + GAP);
  const legendY = bottom + 48;
  const perLine = Math.max(1, Math.floor((width - 8) / 96));
  const weekText = (week: string): string => `w/c ${week.slice(5)}`;
  return chartSvg(
    {
      width,
      height: legendY + Math.ceil(model.weeks.length / perLine) * 20 + 4,
      title: 'Time logged per agent, stacked by week',
    },
    valueAxis({
      ticks,
      x0: labelW,
      plot,
      top: TOP - 4,
      bottom,
      format: (hours) => hoursText(hours * 60),
      caption: 'time logged',
    }),
    model.bars.map((bar, i) => {
      const y = TOP + i * (BAR + GAP);
      let x = labelW;
      return svg(
        'g',
        null,
        label(bar.label, { x: labelW - 8, y: y + BAR / 2 + 4, width: labelW - 12, anchor: 'end' }),
        bar.segments.map((segment) => {
          const w = segment.minutes * scale;
          const index = model.weeks.indexOf(segment.week);
          const rect = svg(
            'rect',
            {
              x,
              y,
              width: w,
              height: BAR,
              class: 'rc-segment',
              'fill-opacity': weekOpacity(index, model.weeks.length).toFixed(2),
            },
            svg(
              'title',
              null,
              `${bar.label}, ${weekText(segment.week)}: ${hoursText(segment.minutes)}`,
            ),
          );
          x += w;
          return rect;
        }),
        svg('text', { x: x + 6, y: y + BAR / 2 + 4, class: 'rc-value' }, hoursText(bar.total)),
      );
    }),
    model.weeks.map((week, i) => {
      const x = 4 + (i % perLine) * 96;
      const y = legendY + Math.floor(i / perLine) * 20;
      return svg(
        'g',
        null,
        svg('rect', {
          x,
          y: y - 10,
          width: 12,
          height: 12,
          class: 'rc-segment',
          'fill-opacity': weekOpacity(i, model.weeks.length).toFixed(2),
        }),
        svg('text', { x: x + 16, y, class: 'rc-tick' }, weekText(week)),
      );
    }),
  );
}
