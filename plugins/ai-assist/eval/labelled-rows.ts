import { ServiceDeskError } from '../../../core/index.js';
import { inputFileError } from './jsonl.js';
import type { TabularFile } from './tabular-file.js';

/** Which columns of a table make a labelled text. */
export interface LabelledRowsOptions {
  /** Columns joined by a line break into the text (empty ones left out). */
  readonly textFields: readonly string[];
  /** Label columns; each row keeps those it fills. */
  readonly labels: readonly string[];
  /** Column holding a unique id; without it, an `id` column if any, else the row number. */
  readonly idField?: string;
}

/** One row as text with its labels. */
export interface LabelledRow {
  readonly id: string;
  readonly line: number;
  readonly text: string;
  /** Label per label column; a column left empty in the row is absent. */
  readonly labels: Readonly<Partial<Record<string, string>>>;
  /** All of the row's values, for a split column or an organisation column. */
  readonly values: Readonly<Record<string, string>>;
}

/** The rows kept and why others were not. */
export interface LabelledRows {
  readonly rows: readonly LabelledRow[];
  /** Rows skipped because every text column is empty. */
  readonly emptyText: number;
  /** Per label column: kept rows (with text) that leave it empty, so are not scored on it. */
  readonly emptyLabel: Readonly<Record<string, number>>;
}

/**
 * Throws unless the table has every named column, listing those it has.
 *
 * @example
 * requireColumns(table, ['title', 'team']);
 */
export function requireColumns(table: TabularFile, names: readonly string[]): void {
  const missing = names.filter((name) => !table.columns.includes(name));
  if (missing.length === 0) return;
  throw new ServiceDeskError(
    'CONFIG_INVALID',
    `${table.file}: no column ${missing.map((name) => `"${name}"`).join(', ')}; ` +
      `its columns are ${table.columns.join(', ')}`,
  );
}

/**
 * The rows of a table as labelled texts: the text columns joined by a line break, each label
 * column's value when filled, and an id. Rows with no text are skipped and counted; a row
 * missing one label still serves the others, and each label's gaps are counted. Values are
 * trimmed. Ids must be unique (the split and the privacy counts rely on them).
 *
 * @example
 * const { rows } = labelledRows(table, { textFields: ['title', 'body'], labels: ['team'] });
 * rows[0] // { id: '1', line: 2, text: 'VPN drops\nsince Monday', labels: { team: 'network' }, … }
 */
export function labelledRows(table: TabularFile, options: LabelledRowsOptions): LabelledRows {
  const idField = options.idField ?? (table.columns.includes('id') ? 'id' : undefined);
  requireColumns(table, [
    ...options.textFields,
    ...options.labels,
    ...(idField === undefined ? [] : [idField]),
  ]);
  const rows: LabelledRow[] = [];
  const emptyLabel: Record<string, number> = Object.fromEntries(
    options.labels.map((label) => [label, 0]),
  );
  const seen = new Map<string, number>();
  let emptyText = 0;
  for (const [index, row] of table.rows.entries()) {
    const text = options.textFields
      .map((name) => (row.values[name] ?? '').trim())
      .filter((part) => part !== '')
      .join('\n');
    if (text === '') {
      emptyText += 1;
      continue;
    }
    const id = idField === undefined ? String(index + 1) : (row.values[idField] ?? '').trim();
    if (id === '')
      throw inputFileError(table.file, row.line, `the id column "${idField}" is empty`);
    const first = seen.get(id);
    if (first !== undefined) {
      throw inputFileError(table.file, row.line, `id "${id}" already appears on line ${first}`);
    }
    seen.set(id, row.line);
    const labels: Partial<Record<string, string>> = {};
    for (const label of options.labels) {
      const value = (row.values[label] ?? '').trim();
      if (value === '') emptyLabel[label] = (emptyLabel[label] ?? 0) + 1;
      else labels[label] = value;
    }
    rows.push({ id, line: row.line, text, labels, values: row.values });
  }
  return { rows, emptyText, emptyLabel };
}
