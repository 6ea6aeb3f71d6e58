import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = readFileSync('docs/writing-a-plugin.md', 'utf8');

/** Every ```ts block of the guide that quotes the packaged plugin project on its first line. */
const samples = [
  ...guide.matchAll(/```ts\n\/\/ (test\/packaging\/plugin-project\/\S+)\n([\s\S]*?)```/g),
].map((match) => ({ file: match[1]!, code: match[2]! }));

describe('"Testing your plugin" in docs/writing-a-plugin.md', () => {
  it('quotes the project the packaging test installs', () => {
    expect(samples.length).toBeGreaterThanOrEqual(1);
  });

  it.each(samples)('quotes $file as it is', ({ file, code }) => {
    expect(readFileSync(file, 'utf8')).toContain(code);
  });

  it('names every export of servicedesk-mcp/testing that is a value', async () => {
    const kit = await import('../../testing/index.js');
    const section = guide.slice(guide.indexOf('## Testing your plugin'));
    for (const name of Object.keys(kit)) expect(section, name).toContain(`\`${name}`);
  });
});
