import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = readFileSync('docs/writing-a-plugin.md', 'utf8');

/** Every ```ts block of the guide that names a file of the example on its first line. */
const samples = [
  ...guide.matchAll(
    /```ts\n\/\/ ((?:test\/)?examples\/(?:custom-plugin|on-call)\/\S+)\n([\s\S]*?)```/g,
  ),
].map((match) => ({ file: match[1]!, code: match[2]! }));

describe('docs/writing-a-plugin.md and examples/custom-plugin and examples/on-call', () => {
  it('quotes both examples, asset-lookup and on-call, in at least six samples each', () => {
    const of = (example: string) => samples.filter((s) => s.file.includes(`/${example}/`)).length;
    expect(of('custom-plugin')).toBeGreaterThanOrEqual(6);
    expect(of('on-call')).toBeGreaterThanOrEqual(5);
  });

  it.each(samples)('quotes $file as it is', ({ file, code }) => {
    expect(readFileSync(file, 'utf8')).toContain(code);
  });

  it('shows the scaffold command the CLI really has', () => {
    expect(guide).toContain('new plugin parts-catalogue');
    expect(guide).toContain('npx vitest run test/plugins/parts-catalogue');
  });
});
