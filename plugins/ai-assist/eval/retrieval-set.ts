import { ServiceDeskError } from '../../../core/index.js';
import type { QrelRecord } from './eval-records.js';
import { inputFileError } from './jsonl.js';
import { requireColumns } from './labelled-rows.js';
import { readTabularFile, type TabularFile } from './tabular-file.js';

/** A corpus document as the eval ranks it: title and body apart, for BM25F. */
export interface RetrievalDocument {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

/** A query, with the value of its split column when the file has one. */
export interface RetrievalQuery {
  readonly id: string;
  readonly text: string;
  readonly split: string | undefined;
}

/** The three files of a retrieval set, read and cross-checked. */
export interface RetrievalSet {
  readonly documents: readonly RetrievalDocument[];
  readonly queries: readonly RetrievalQuery[];
  readonly qrels: readonly QrelRecord[];
}

/** The files and which of their columns to read; absent columns fall back as each field says. */
export interface RetrievalSetSource {
  readonly corpus: string;
  readonly queries: string;
  readonly qrels: string;
  /** Id column of corpus and queries: `id`, else `_id` (as BEIR's files). */
  readonly idField?: string;
  /** Corpus title column: `title` when the corpus has one, else none. */
  readonly titleField?: string;
  /** Corpus body columns, joined by a line break: `text`. */
  readonly textFields?: readonly string[];
  /** Query split column: `split` when the queries have one, else none. */
  readonly splitField?: string;
}

/** Column names each qrels field is known by: ours, BEIR's and TREC-style short ones. */
const qrelColumns = {
  queryId: ['queryId', 'query-id', 'query_id', 'qid'],
  docId: ['docId', 'corpus-id', 'doc-id', 'doc_id', 'docid'],
  relevance: ['relevance', 'score', 'rel'],
} as const;

const columnsError = (table: TabularFile, wanted: string) =>
  new ServiceDeskError(
    'CONFIG_INVALID',
    `${table.file}: no ${wanted} column; its columns are ${table.columns.join(', ')}`,
  );

function idColumn(table: TabularFile, given: string | undefined): string {
  if (given !== undefined) {
    requireColumns(table, [given]);
    return given;
  }
  const found = ['id', '_id'].find((name) => table.columns.includes(name));
  if (found === undefined) throw columnsError(table, 'id (or _id; name it with --id-field)');
  return found;
}

/** Rows as id and joined text, refusing empty and repeated ids with the line. */
function idTextRows(table: TabularFile, columns: { id: string; text: readonly string[] }) {
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const id = (row.values[columns.id] ?? '').trim();
    if (id === '')
      throw inputFileError(table.file, row.line, `the id column "${columns.id}" is empty`);
    const first = seen.get(id);
    if (first !== undefined) {
      throw inputFileError(table.file, row.line, `id "${id}" already appears on line ${first}`);
    }
    seen.set(id, row.line);
    const text = columns.text
      .map((name) => (row.values[name] ?? '').trim())
      .filter((part) => part !== '')
      .join('\n');
    return { id, text, values: row.values };
  });
}

function readDocuments(table: TabularFile, source: RetrievalSetSource): RetrievalDocument[] {
  const title = source.titleField ?? (table.columns.includes('title') ? 'title' : undefined);
  const body = source.textFields ?? ['text'];
  requireColumns(table, [...(title === undefined ? [] : [title]), ...body]);
  const id = idColumn(table, source.idField);
  return idTextRows(table, { id, text: body }).map((row) => ({
    id: row.id,
    title: title === undefined ? '' : (row.values[title] ?? '').trim(),
    body: row.text,
  }));
}

function readQueries(table: TabularFile, source: RetrievalSetSource): RetrievalQuery[] {
  // A query is written like a document: its title and text columns, those the file has.
  const named = [source.titleField ?? 'title', ...(source.textFields ?? ['text'])];
  let text = named.filter((name, i) => table.columns.includes(name) && named.indexOf(name) === i);
  if (text.length === 0 && table.columns.includes('text')) text = ['text'];
  if (text.length === 0) throw columnsError(table, `query text (${named.join(', ')})`);
  const split = source.splitField ?? (table.columns.includes('split') ? 'split' : undefined);
  if (split !== undefined) requireColumns(table, [split]);
  const id = idColumn(table, source.idField);
  return idTextRows(table, { id, text }).map((row) => {
    const value = split === undefined ? '' : (row.values[split] ?? '').trim();
    return { id: row.id, text: row.text, split: value === '' ? undefined : value };
  });
}

function readQrels(table: TabularFile, known: { queries: Set<string>; documents: Set<string> }) {
  const column = (names: readonly string[]) => names.find((name) => table.columns.includes(name));
  const queryId = column(qrelColumns.queryId);
  const docId = column(qrelColumns.docId);
  const relevance = column(qrelColumns.relevance);
  if (queryId === undefined) throw columnsError(table, qrelColumns.queryId.join(' or '));
  if (docId === undefined) throw columnsError(table, qrelColumns.docId.join(' or '));
  return table.rows.map(({ line, values }): QrelRecord => {
    const query = (values[queryId] ?? '').trim();
    const doc = (values[docId] ?? '').trim();
    if (!known.queries.has(query)) {
      throw inputFileError(table.file, line, `${queryId} "${query}" is not among the queries`);
    }
    if (!known.documents.has(doc)) {
      throw inputFileError(table.file, line, `${docId} "${doc}" is not in the corpus`);
    }
    // Without a relevance column every listed pair is relevant, as in judgement lists.
    const raw = relevance === undefined ? '1' : (values[relevance] ?? '').trim();
    const grade = Number(raw);
    if (raw === '' || !Number.isFinite(grade) || grade < 0) {
      throw inputFileError(
        table.file,
        line,
        `${relevance ?? 'relevance'} must be a number of 0 or more, got "${raw}"`,
      );
    }
    return { queryId: query, docId: doc, relevance: grade };
  });
}

/**
 * Reads a retrieval set — corpus, queries and judgements, each CSV, TSV, JSONL or a JSON array —
 * with named columns: the corpus's title apart from its text columns, the queries' text and split,
 * the judgements as `queryId, docId, relevance` (or BEIR's `query-id, corpus-id, score`; without a
 * relevance column every pair is relevant). Every judgement must name a known query and document.
 * Errors name the file, the line and the problem, or list the columns the file has.
 *
 * @example
 * const set = await readRetrievalSet({ corpus: 'corpus.jsonl', queries: 'queries.jsonl', qrels: 'qrels.csv' });
 * set.documents[0] // { id: 'faq-1', title: 'Reset a password', body: 'Open …' }
 */
export async function readRetrievalSet(source: RetrievalSetSource): Promise<RetrievalSet> {
  const documents = readDocuments(await readTabularFile(source.corpus), source);
  const queries = readQueries(await readTabularFile(source.queries), source);
  const qrels = readQrels(await readTabularFile(source.qrels), {
    queries: new Set(queries.map((query) => query.id)),
    documents: new Set(documents.map((document) => document.id)),
  });
  return { documents, queries, qrels };
}
