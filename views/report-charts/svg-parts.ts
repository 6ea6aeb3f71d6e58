// Pieces every chart shares: labels that fit a column, a value axis, the chart's outer <svg>.
// Labels come from the store (names written by people), so they only ever go in as text nodes.
import { svg } from '../kit/dom.js';

/** Approximate width of one character of the charts' 12 px font, for laying out labels. */
export const CHAR_PX = 7;

/**
 * Width for a label column: the longest label, between 60 px and `cap`.
 *
 * @example
 * labelColumn(['Sam Taylor', 'Ann'], 140) // 86
 */
export function labelColumn(labels: readonly string[], cap: number): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.round(Math.min(cap, Math.max(60, longest * CHAR_PX + 16)));
}

/**
 * An SVG text label, shortened with an ellipsis to fit `width`; the full text stays in a
 * <title> (a tooltip, and what screen readers and tests read).
 *
 * @example
 * label('Acorn Construction', { x: 4, y: 20, width: 80 })
 */
export function label(
  full: string,
  at: { x: number; y: number; width: number; anchor?: 'start' | 'middle' | 'end' },
  className = 'rc-label',
): SVGTextElement {
  const fits = Math.max(3, Math.floor(at.width / CHAR_PX));
  const shown = full.length > fits ? `${full.slice(0, fits - 1)}…` : full;
  return svg(
    'text',
    { x: at.x, y: at.y, class: className, 'text-anchor': at.anchor ?? 'start' },
    shown !== full && svg('title', null, full),
    shown,
  );
}

/**
 * The outer <svg> of a chart, drawn at its pixel size (no scaling, so text keeps its size) and
 * described for screen readers.
 *
 * @example
 * chartSvg({ width: 320, height: 200, title: 'Missed SLAs' }, bars)
 */
export function chartSvg(
  size: { width: number; height: number; title: string },
  ...children: (SVGElement | false | null | undefined | SVGElement[])[]
): SVGSVGElement {
  return svg(
    'svg',
    {
      class: 'rc-chart',
      width: size.width,
      height: size.height,
      viewBox: `0 0 ${size.width} ${size.height}`,
      role: 'img',
      'aria-label': size.title,
    },
    svg('title', null, size.title),
    children,
  );
}

/**
 * A horizontal value axis: tick lines across the plot and their values under it.
 *
 * @example
 * valueAxis({ ticks: [0, 5, 10], x0: 90, plot: 200, top: 10, bottom: 150, format: String })
 */
export function valueAxis(axis: {
  ticks: readonly number[];
  x0: number;
  plot: number;
  top: number;
  bottom: number;
  format: (value: number) => string;
  caption?: string;
}): SVGGElement {
  const last = axis.ticks[axis.ticks.length - 1] ?? 1;
  return svg(
    'g',
    { class: 'rc-axis' },
    axis.ticks.map((tick) => {
      const x = axis.x0 + (tick / (last || 1)) * axis.plot;
      return svg(
        'g',
        null,
        svg('line', { x1: x, x2: x, y1: axis.top, y2: axis.bottom, class: 'rc-grid' }),
        svg(
          'text',
          { x, y: axis.bottom + 14, class: 'rc-tick', 'text-anchor': 'middle' },
          axis.format(tick),
        ),
      );
    }),
    axis.caption !== undefined &&
      svg(
        'text',
        {
          x: axis.x0 + axis.plot / 2,
          y: axis.bottom + 30,
          class: 'rc-caption',
          'text-anchor': 'middle',
        },
        axis.caption,
      ),
  );
}
