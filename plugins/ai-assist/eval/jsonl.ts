import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ServiceDeskError } from '../../../core/index.js';

/** One parsed line of a JSONL file, with its 1-based line number for later error messages. */
export interface JsonlRecord<T> {
  readonly line: number;
  readonly value: T;
}

/** Stops a command on a bad input file, naming the file and the line and what to fix. */
export function inputFileError(file: string, line: number, problem: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `${file} line ${line}: ${problem}`);
}

/**
 * Reads a JSON Lines file (one JSON object per line; blank lines skipped) and validates every line
 * with `schema`. Any unreadable file, bad JSON or invalid record throws an error that names the
 * file, the line and the field.
 *
 * @example
 * const records = await readJsonl('train.jsonl', z.object({ id: z.string(), text: z.string() }));
 */
export async function readJsonl<TSchema extends z.ZodType>(
  file: string,
  schema: TSchema,
): Promise<JsonlRecord<z.output<TSchema>>[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const records: JsonlRecord<z.output<TSchema>>[] = [];
  const lines = content.split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw inputFileError(file, line, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue === undefined || issue.path.length === 0 ? 'record' : issue.path.join('.');
      throw inputFileError(file, line, `${field}: ${issue?.message ?? 'invalid'}`);
    }
    records.push({ line, value: parsed.data });
  }
  if (records.length === 0) throw inputFileError(file, lines.length, 'the file holds no records');
  return records;
}

/** Throws when two records share an id, naming both lines. */
export function requireUniqueIds(
  file: string,
  records: readonly JsonlRecord<{ readonly id: string }>[],
): void {
  const seen = new Map<string, number>();
  for (const { line, value } of records) {
    const first = seen.get(value.id);
    if (first !== undefined) {
      throw inputFileError(file, line, `id "${value.id}" already appears on line ${first}`);
    }
    seen.set(value.id, line);
  }
}
