import { describe, expect, it } from 'vitest';
import { defineCollection, type CollectionSpec } from '../../../core/index.js';

// A config written in JavaScript gets no type check: the mistakes TypeScript would catch.
const asWritten = (spec: Record<string, unknown>): CollectionSpec =>
  spec as unknown as CollectionSpec;
const valid = {
  id: 'agent',
  title: 'Agent Functions',
  plugins: ['tickets'],
  grant: ['tickets:read:all'],
};

describe('defineCollection on a config TypeScript did not check', () => {
  it.each([
    [{ ...valid, grant: undefined }, 'collection agent: grant must be a list of scopes'],
    [{ ...valid, grant: 'tickets:read:all' }, 'collection agent: grant must be a list of scopes'],
    [{ ...valid, plugins: undefined }, 'collection agent: plugins must be a list of plugin ids'],
    [{ ...valid, id: undefined }, 'collection (no id): id must be a non-empty string'],
    [{ ...valid, title: 3 }, 'collection agent: title must be a string'],
    [
      { ...valid, roles: 'agent' },
      'collection agent: roles, when given, must be a list of strings',
    ],
    [{ ...valid, tools: [1] }, 'collection agent: tools, when given, must be a list of strings'],
  ])('refuses %o with CONFIG_INVALID naming the collection and the rule', (spec, message) => {
    expect(() => defineCollection(asWritten(spec))).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(message),
      }),
    );
  });

  it('accepts a well-formed collection, with an empty grant', () => {
    expect(defineCollection({ ...valid, grant: [] }).grant).toEqual([]);
  });
});
