import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelledRows } from '../../../../plugins/ai-assist/eval/labelled-rows.js';
import { readTabularFile } from '../../../../plugins/ai-assist/eval/tabular-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tabular-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content, 'utf8');
  return path;
}

describe('readTabularFile: CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', async () => {
    const file = await write(
      'edge.csv',
      '\uFEFFid,title,team\r\n' +
        '1,"VPN, again","network"\r\n' +
        '2,"He said ""reboot""",desk\r\n' +
        '3,"line one\r\nline two",\r\n' +
        '\r\n' +
        '4,"",x"y\r\n',
    );
    const table = await readTabularFile(file);
    expect(table.columns).toEqual(['id', 'title', 'team']);
    expect(table.rows).toEqual([
      { line: 2, values: { id: '1', title: 'VPN, again', team: 'network' } },
      { line: 3, values: { id: '2', title: 'He said "reboot"', team: 'desk' } },
      { line: 4, values: { id: '3', title: 'line one\r\nline two', team: '' } },
      // The blank line 6 is skipped; a quote inside an unquoted field is text.
      { line: 7, values: { id: '4', title: '', team: 'x"y' } },
    ]);
  });

  it('reads a last record without a final line break, and names empty headers', async () => {
    const table = await readTabularFile(await write('last.csv', ',text\n0,"a"'));
    expect(table.columns).toEqual(['column1', 'text']);
    expect(table.rows).toEqual([{ line: 2, values: { column1: '0', text: 'a' } }]);
  });

  it('reads tab-separated files by their ending', async () => {
    const table = await readTabularFile(await write('t.tsv', 'a\tb\n"x\ty"\tz\n'));
    expect(table.rows).toEqual([{ line: 2, values: { a: 'x\ty', b: 'z' } }]);
  });

  it.each([
    ['unclosed.csv', 'a,b\n1,"open\n\n', 'unclosed.csv line 2: a quoted field is never closed'],
    ['after.csv', 'a,b\n1,"x"y\n', 'after.csv line 2: text follows a closing quote'],
    ['count.csv', 'a,b\n1,2\n1,2,3\n', 'count.csv line 3: 3 fields where the header has 2'],
    ['twice.csv', 'a,a\n1,2\n', 'twice.csv line 1: column "a" appears twice in the header'],
    ['header.csv', 'a,b\n', 'header.csv line 1: the file holds no records'],
  ])('%s: names the file, the line and the problem', async (name, content, message) => {
    const file = await write(name, content);
    await expect(readTabularFile(file)).rejects.toThrow(message);
  });

  it('refuses an unknown ending and a missing file', async () => {
    await expect(readTabularFile(await write('x.txt', 'a'))).rejects.toThrow(/use one of \.csv/);
    await expect(readTabularFile(join(dir, 'none.csv'))).rejects.toThrow(/cannot read .*ENOENT/);
  });
});

describe('readTabularFile: JSON', () => {
  it('reads JSON Lines, writing numbers out and null as empty', async () => {
    const file = await write(
      'r.jsonl',
      '{"id":1,"text":"a","team":null}\n\n{"id":2,"extra":true}\n',
    );
    const table = await readTabularFile(file);
    expect(table.columns).toEqual(['id', 'text', 'team', 'extra']);
    expect(table.rows).toEqual([
      { line: 1, values: { id: '1', text: 'a', team: '' } },
      { line: 3, values: { id: '2', extra: 'true' } },
    ]);
  });

  it('names the line of bad JSON and of a record that is not an object', async () => {
    await expect(readTabularFile(await write('b.jsonl', '{"a":1}\n{oops\n'))).rejects.toThrow(
      /b\.jsonl line 2: not valid JSON/,
    );
    await expect(readTabularFile(await write('c.jsonl', '[1]\n'))).rejects.toThrow(
      'c.jsonl line 1: each record must be a JSON object',
    );
  });

  it('reads a .json array of objects', async () => {
    const table = await readTabularFile(await write('a.json', '[{"t":"x"},{"t":"y"}]'));
    expect(table.rows.map((row) => row.values['t'])).toEqual(['x', 'y']);
  });
});

describe('labelledRows', () => {
  it('joins text columns, keeps filled labels, and counts what it skips', async () => {
    const file = await write(
      'l.csv',
      'title,body,team,category\nVPN,drops,network,\n,,desk,x\nPrinter,,,printing\n',
    );
    const result = labelledRows(await readTabularFile(file), {
      textFields: ['title', 'body'],
      labels: ['team', 'category'],
    });
    expect(result.rows.map(({ id, text, labels }) => ({ id, text, labels }))).toEqual([
      { id: '1', text: 'VPN\ndrops', labels: { team: 'network' } },
      { id: '3', text: 'Printer', labels: { category: 'printing' } },
    ]);
    expect(result.emptyText).toBe(1);
    expect(result.emptyLabel).toEqual({ team: 1, category: 1 });
  });

  it('uses the id column, refuses repeated ids and unknown columns', async () => {
    const table = await readTabularFile(await write('d.csv', 'id,t\n7,a\n7,b\n'));
    expect(() => labelledRows(table, { textFields: ['t'], labels: [] })).toThrow(
      'd.csv line 3: id "7" already appears on line 2',
    );
    expect(() => labelledRows(table, { textFields: ['body'], labels: [] })).toThrow(
      'd.csv: no column "body"; its columns are id, t',
    );
  });
});
