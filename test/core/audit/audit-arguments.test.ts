import { describe, expect, it } from 'vitest';
import { auditArgumentLimits, auditArgumentsJson } from '../../../core/audit/audit-arguments.js';

describe('auditArgumentsJson', () => {
  it('keeps ordinary arguments as they are, secrets redacted', () => {
    const stored = auditArgumentsJson(
      { summary: 'VPN down', password: 'hunter2', door: { pin: '0451', floor: 3 } },
      ['pin'],
    );
    expect(JSON.parse(stored)).toEqual({
      summary: 'VPN down',
      password: '[redacted]',
      door: { pin: '[redacted]', floor: 3 },
    });
  });

  it('cuts nesting at maxDepth with a marker, without recursing further', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const stored = auditArgumentsJson({ junk: deep });
    expect(stored).toContain(`[cut: nested deeper than ${auditArgumentLimits.maxDepth} levels]`);
    expect(stored.length).toBeLessThan(200);
  });

  it('keeps maxEntries per object and array and says how many were left out', () => {
    const keys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const stored = JSON.parse(auditArgumentsJson({ keys, items })) as {
      keys: Record<string, unknown>;
      items: unknown[];
    };
    expect(Object.keys(stored.keys)).toHaveLength(auditArgumentLimits.maxEntries + 1);
    expect(stored.keys['[cut]']).toBe(`${50_000 - auditArgumentLimits.maxEntries} more keys`);
    expect(stored.items).toHaveLength(auditArgumentLimits.maxEntries + 1);
    expect(stored.items.at(-1)).toBe(`[cut: ${1000 - auditArgumentLimits.maxEntries} more items]`);
  });

  it('cuts long strings and the whole row to the total budget', () => {
    const stored = auditArgumentsJson({
      a: 'x'.repeat(1_000_000),
      b: 'y'.repeat(3000),
      c: 'z'.repeat(3000),
      d: 'w'.repeat(3000),
      e: 'v'.repeat(3000),
      f: 'u'.repeat(3000),
    });
    expect(stored).toContain(
      `[cut: ${1_000_000 - auditArgumentLimits.maxStringLength} more characters]`,
    );
    expect(stored.length).toBeLessThan(auditArgumentLimits.maxTotalLength * 2);
    expect(JSON.parse(stored)).toHaveProperty('[cut]');
  });

  it('keeps a key named __proto__ as data', () => {
    const args = JSON.parse('{"__proto__": {"polluted": true}, "summary": "s"}') as unknown;
    expect(JSON.parse(auditArgumentsJson(args))).toEqual(
      JSON.parse('{"__proto__": {"polluted": true}, "summary": "s"}'),
    );
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
