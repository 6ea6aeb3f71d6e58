import { describe, expect, it } from 'vitest';
import type { RunScope } from '../../../plugins/runbooks/run-scope.js';
import { conditionHolds } from '../../../plugins/runbooks/step-condition.js';
import { renderTemplate, templateReferences } from '../../../plugins/runbooks/template.js';

const scope: RunScope = {
  input: { summary: 'VPN drops', count: 3, tags: ['vpn', 'network'] },
  steps: {
    ticket: { status: 'ok', result: { id: 42, sla: { due: '2026-01-01' } }, text: 'Logged #42' },
    kb: { status: 'ok', result: { articles: [] } },
    boom: { status: 'error', text: 'it failed' },
  },
};

describe('templates', () => {
  it('keeps the type of a whole-string placeholder and interpolates an embedded one as text', () => {
    expect(
      renderTemplate(
        {
          ticketId: '{{ steps.ticket.result.id }}',
          sla: '{{steps.ticket.result.sla}}',
          tags: '{{ input.tags }}',
          body: 'Ticket #{{ steps.ticket.result.id }} ({{ input.summary }}), SLA {{ steps.ticket.result.sla }}',
          nested: { list: ['{{ input.count }}', 'n={{ input.count }}', 7, true, null] },
        },
        scope,
      ),
    ).toEqual({
      ticketId: 42,
      sla: { due: '2026-01-01' },
      tags: ['vpn', 'network'],
      body: 'Ticket #42 (VPN drops), SLA {"due":"2026-01-01"}',
      nested: { list: [3, 'n=3', 7, true, null] },
    });
  });

  it('leaves out an argument whose whole value is missing and writes nothing for an embedded one', () => {
    expect(
      renderTemplate(
        {
          requester: '{{ input.requester }}',
          first: '{{ steps.kb.result.articles.0.id }}',
          body: 'Best: {{ steps.kb.result.articles.0.title }}.',
        },
        scope,
      ),
    ).toEqual({ body: 'Best: .' });
  });

  it('never follows a prototype or evaluates anything', () => {
    expect(renderTemplate('{{ input.constructor }}', scope)).toBeUndefined();
    expect(renderTemplate('{{ input.summary.length }}', scope)).toBeUndefined();
    expect(renderTemplate('{{ input.tags.length }}', scope)).toBeUndefined();
    expect(renderTemplate('{{ 1 + 1 }}', scope)).toBeUndefined();
  });

  it('lists every reference with the argument it sits in', () => {
    expect(
      templateReferences({
        a: 'x {{ input.a }} {{steps.b.text}}',
        n: { m: ['{{ input.c }}'] },
        k: 5,
      }),
    ).toEqual([
      { argument: 'a', path: 'input.a' },
      { argument: 'a', path: 'steps.b.text' },
      { argument: 'n.m.0', path: 'input.c' },
    ]);
  });
});

describe('conditions', () => {
  it.each<[object, boolean]>([
    [{ exists: 'steps.ticket.result.id' }, true],
    [{ exists: 'steps.kb.result.articles.0' }, false],
    [{ exists: 'steps.nothing.result' }, false],
    [{ equals: ['steps.boom.status', 'error'] }, true],
    [{ equals: ['steps.ticket.result.sla', { due: '2026-01-01' }] }, true],
    [{ equals: ['input.count', '3'] }, false],
    [{ not: { exists: 'steps.kb.result.articles.0' } }, true],
    [{ all: [{ exists: 'input.summary' }, { equals: ['input.count', 3] }] }, true],
    [{ any: [{ exists: 'input.nope' }, { equals: ['input.count', 4] }] }, false],
  ])('%j is %s', (condition, holds) => {
    expect(conditionHolds(condition as never, scope)).toBe(holds);
  });
});
