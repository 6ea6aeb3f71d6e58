import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SourcePositions } from '../../bench/source-positions.js';
import { createTempFolder } from '../helpers/temp-folder.js';

describe('SourcePositions', () => {
  const folder = createTempFolder('source-positions-');
  afterAll(() => folder.remove());

  it('maps a bundled function back to the file and line it was bundled from', async () => {
    writeFileSync(
      folder.file('marker.ts'),
      'export function marker(): number {\n  return 4242;\n}\n',
    );
    writeFileSync(
      folder.file('entry.ts'),
      "import { marker } from './marker.js';\nconsole.log(marker());\n",
    );
    const outfile = folder.file('out/bundle.js');
    await build({
      entryPoints: [folder.file('entry.ts')],
      bundle: true,
      outfile,
      sourcemap: 'linked',
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
    });
    const lines = readFileSync(outfile, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('4242'));
    const column = lines[line]!.indexOf('return');
    const positions = new SourcePositions();
    expect(positions.original(pathToFileURL(outfile).href, line, column)).toEqual({
      path: folder.file('marker.ts'),
      line: 1,
    });
    // Positions outside a mapped file, or of files without a map, are left as they are.
    expect(positions.original('node:internal/timers', 3, 0)).toBeUndefined();
    expect(positions.original(pathToFileURL(folder.file('marker.ts')).href, 0, 0)).toBeUndefined();
  });
});
