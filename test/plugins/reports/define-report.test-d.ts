import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { defineReport } from '../../../plugins/reports/index.js';

defineReport({
  id: 'typed',
  title: 'Typed',
  description: 'Types flow from the schemas.',
  parameters: z.object({ month: z.string().optional(), top: z.number().default(5) }),
  row: z.object({ team: z.string(), count: z.number() }),
  summary: z.object({ total: z.number() }),
  query: ({ params }) => {
    expectTypeOf(params).toEqualTypeOf<{ month?: string | undefined; top: number }>();
    return Promise.resolve({
      rows: [{ team: 'network', count: params.top }],
      summary: { total: 1 },
    });
  },
});

defineReport({
  id: 'wrong_row',
  title: 'Wrong row',
  description: 'A row that does not fit does not compile.',
  parameters: z.object({}),
  row: z.object({ count: z.number() }),
  // @ts-expect-error count must be a number
  query: () => Promise.resolve({ rows: [{ count: 'many' }], summary: {} }),
});

defineReport({
  id: 'wrong_summary',
  title: 'Wrong summary',
  description: 'A summary that does not fit does not compile.',
  parameters: z.object({}),
  row: z.object({ count: z.number() }),
  summary: z.object({ total: z.number() }),
  // @ts-expect-error total is required
  query: () => Promise.resolve({ rows: [], summary: {} }),
});
