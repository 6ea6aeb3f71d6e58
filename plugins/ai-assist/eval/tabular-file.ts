import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ServiceDeskError } from '../../../core/index.js';
import { inputFileError } from './jsonl.js';

/** One data row of a table file, its values by column name, with the line it starts on. */
export interface TabularRow {
  /** 1-based line of the file where the row starts (a quoted field may span several lines). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/** A table file as read: its column names in file order and its rows. */
export interface TabularFile {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly TabularRow[];
}

/**
 * Splits CSV text (RFC 4180) into records of fields, each with the line it starts on: fields in
 * double quotes may hold the delimiter, line breaks and doubled quotes (`""` → `"`); LF and CRLF
 * both end a record; a leading byte-order mark is dropped; wholly empty lines are skipped. A quote
 * inside an unquoted field is kept as text (as Python's csv module does), but text after a closing
 * quote, or a quote never closed, is an error naming the line, since the fields would shift.
 */
function csvRecords(
  file: string,
  text: string,
  delimiter: string,
): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  // A record that is one empty quoted field ("") is a record, not a blank line.
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (quoted || fields.length > 1 || field !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quoted = false;
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '"' && field === '') {
      const quoteLine = line;
      quoted = true;
      i += 1;
      for (;;) {
        if (i >= source.length)
          throw inputFileError(file, quoteLine, 'a quoted field is never closed');
        const inner = source[i] as string;
        i += 1;
        if (inner === '"') {
          if (source[i] !== '"') break;
          i += 1;
        } else if (inner === '\n') line += 1;
        field += inner;
      }
      const next = source[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw inputFileError(
          file,
          line,
          'text follows a closing quote; a quote inside a quoted field is written twice ("")',
        );
      }
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
      i += 1;
    } else if (char === '\n' || (char === '\r' && source[i + 1] === '\n')) {
      endRecord();
      i += char === '\r' ? 2 : 1;
      line += 1;
      recordLine = line;
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted || fields.length > 0 || field !== '') endRecord();
  return records;
}

/** Header names made usable: an empty header becomes `column<n>`; a repeated one is an error. */
function headerNames(file: string, header: { line: number; fields: string[] }): string[] {
  const seen = new Set<string>();
  return header.fields.map((raw, index) => {
    const name = raw.trim() === '' ? `column${index + 1}` : raw.trim();
    if (seen.has(name))
      throw inputFileError(file, header.line, `column "${name}" appears twice in the header`);
    seen.add(name);
    return name;
  });
}

function parseDelimited(file: string, text: string, delimiter: string): TabularFile {
  const [header, ...body] = csvRecords(file, text, delimiter);
  if (header === undefined) throw inputFileError(file, 1, 'the file holds no header row');
  const columns = headerNames(file, header);
  const rows = body.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw inputFileError(
        file,
        line,
        `${fields.length} fields where the header has ${columns.length}; quote fields that hold "${delimiter === '\t' ? '\\t' : delimiter}" or line breaks`,
      );
    }
    return {
      line,
      values: Object.fromEntries(columns.map((name, index) => [name, fields[index] ?? ''])),
    };
  });
  return { file, columns, rows };
}

/** A JSON value as a cell: text as is, numbers and booleans written out, null empty, others as JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function objectRow(file: string, line: number, json: unknown): TabularRow {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw inputFileError(file, line, 'each record must be a JSON object');
  }
  return {
    line,
    values: Object.fromEntries(Object.entries(json).map(([key, value]) => [key, cell(value)])),
  };
}

/** Columns of JSON records: every key in order of first appearance (records may differ). */
function jsonColumns(rows: readonly TabularRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.values)) columns.add(key);
  return [...columns];
}

function parseJsonLines(file: string, text: string): TabularFile {
  const rows: TabularRow[] = [];
  for (const [index, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw inputFileError(file, index + 1, `not valid JSON (${(error as Error).message})`);
    }
    rows.push(objectRow(file, index + 1, json));
  }
  return { file, columns: jsonColumns(rows), rows };
}

function parseJsonArray(file: string, text: string): TabularFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw inputFileError(file, 1, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(json))
    throw inputFileError(file, 1, 'a .json file must hold an array of objects');
  // A JSON array has no line per record; the record's position stands in for it.
  const rows = json.map((item, index) => objectRow(file, index + 1, item));
  return { file, columns: jsonColumns(rows), rows };
}

/** The file name endings {@link readTabularFile} reads. */
export const tabularFileTypes = ['.csv', '.tsv', '.jsonl', '.ndjson', '.json'] as const;

/**
 * Reads a table of records from a public data set, by the file's ending: `.csv` (RFC 4180:
 * quoted fields, doubled quotes, line breaks inside quotes, CRLF, byte-order mark), `.tsv` (the
 * same rules with tabs), `.jsonl`/`.ndjson` (one JSON object per line) or `.json` (an array of
 * objects). Every value comes back as text (JSON numbers written out, null as empty). A CSV's
 * first row names the columns. Errors name the file, the line and the problem.
 *
 * @example
 * const table = await readTabularFile('tickets.csv');
 * table.rows[0]?.values['title'] // 'VPN drops every hour'
 */
export async function readTabularFile(file: string): Promise<TabularFile> {
  const type = extname(file).toLowerCase();
  if (!(tabularFileTypes as readonly string[]).includes(type)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `${file}: cannot tell the format from the name; use one of ${tabularFileTypes.join(', ')}`,
    );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const table =
    type === '.csv'
      ? parseDelimited(file, text, ',')
      : type === '.tsv'
        ? parseDelimited(file, text, '\t')
        : type === '.json'
          ? parseJsonArray(file, text)
          : parseJsonLines(file, text);
  if (table.rows.length === 0) throw inputFileError(file, 1, 'the file holds no records');
  return table;
}
