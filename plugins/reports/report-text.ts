/**
 * The parts of a report result its text form shows.
 *
 * @example
 * const parts: ReportTextParts = { title, parameters, rows, summary, page };
 */
export interface ReportTextParts {
  readonly title: string;
  readonly parameters: Record<string, unknown>;
  readonly rows: readonly Record<string, unknown>[];
  readonly summary: Record<string, unknown>;
  readonly page: {
    readonly offset: number;
    readonly total: number;
    readonly nextCursor: string | null;
  };
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return inline(value);
  return scalar(value).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function inline(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : value.map((item) => inline(item)).join('; ');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, item]) => `${key}=${inline(item)}`)
      .join(', ');
  }
  return scalar(value);
}

/** A markdown table of `rows`, its columns those of the first row. */
function table(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const lines = [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
  for (const row of rows)
    lines.push(`| ${columns.map((column) => cell(row[column])).join(' | ')} |`);
  return lines.join('\n');
}

/**
 * A report result as text a language model reads well: the title and parameters, the summary
 * one line per total, the page as a short markdown table, and how to get the next page.
 *
 * @example
 * reportText({ title: 'Open tickets', parameters: {}, rows, summary: { open: 12 }, page })
 */
export function reportText(parts: ReportTextParts): string {
  const given = Object.entries(parts.parameters).filter(([, value]) => value !== undefined);
  const heading =
    given.length === 0
      ? parts.title
      : `${parts.title} (${given.map(([k, v]) => `${k}: ${inline(v)}`).join(', ')})`;
  const summary = Object.entries(parts.summary).map(([key, value]) => `- ${key}: ${inline(value)}`);
  const { offset, total, nextCursor } = parts.page;
  const body =
    parts.rows.length === 0
      ? total === 0
        ? 'No rows.'
        : `No rows on this page (the result has ${total}).`
      : table(parts.rows);
  const position =
    parts.rows.length === 0
      ? ''
      : `Rows ${offset + 1}–${offset + parts.rows.length} of ${total}.` +
        (nextCursor === null ? '' : ` More: pass cursor "${nextCursor}" for the next page.`);
  return [heading, ...(summary.length > 0 ? ['Summary:', ...summary] : []), body, position]
    .filter((line) => line !== '')
    .join('\n');
}
