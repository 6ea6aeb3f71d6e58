import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('docs/reports.md', () => {
  it('quotes the custom report the tests run, word for word', () => {
    const doc = read('docs/reports.md');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    const example = blocks.find((block) => block.includes('defineReport({'));
    expect(example).toBeDefined();
    expect(read('test/plugins/reports/tickets-per-organisation.ts')).toContain(example);
  });

  it('documents every built-in report', async () => {
    const { builtInReports, reportToolName } = await import('../../../plugins/reports/index.js');
    const doc = read('docs/reports.md');
    for (const report of builtInReports)
      expect(doc).toContain(`### \`${reportToolName(report.id)}\``);
  });
});
