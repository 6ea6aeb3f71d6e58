import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../core/errors/error-codes.js';

/** One table row of docs/errors.md: `| \`CODE\` | http | json-rpc | meaning | fix |`. */
interface DocRow {
  readonly code: string;
  readonly http: string;
  readonly jsonRpc: string;
}

function documentedRows(): DocRow[] {
  const markdown = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows: DocRow[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|/.exec(line);
    if (match) rows.push({ code: match[1]!, http: match[2]!, jsonRpc: match[3]! });
  }
  return rows;
}

describe('docs/errors.md', () => {
  const rows = documentedRows();
  const documented = rows.map((r) => r.code);

  it('has a row for every code in core/errors/error-codes.ts', () => {
    const missing = Object.keys(errorCodes).filter((code) => !documented.includes(code));
    expect(missing, 'codes without a row in docs/errors.md').toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const unknown = documented.filter((code) => !(code in errorCodes));
    expect(unknown, 'rows naming a code that error-codes.ts does not define').toEqual([]);
  });

  it('documents each code once', () => {
    const repeated = documented.filter((code, i) => documented.indexOf(code) !== i);
    expect(repeated).toEqual([]);
  });

  it('shows the HTTP status and JSON-RPC code each error maps to', () => {
    const wrong = rows.filter((row) => {
      const mapping = errorCodes[row.code as keyof typeof errorCodes] as
        { http: number; jsonRpc: number } | undefined;
      return (
        mapping !== undefined &&
        (row.http !== String(mapping.http) || row.jsonRpc !== String(mapping.jsonRpc))
      );
    });
    expect(wrong, 'rows whose HTTP or JSON-RPC column disagrees with error-codes.ts').toEqual([]);
  });
});
