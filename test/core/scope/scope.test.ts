import { describe, expect, it } from 'vitest';
import {
  anySatisfies,
  isValidScope,
  scopeMatchesPattern,
  scopeSatisfies,
} from '../../../core/scope/scope.js';

describe('scope syntax', () => {
  it.each(['tickets:read', 'tickets:read:own', 'kb:read', 'time-entries:write:all', 'a1:b2:c3'])(
    'accepts %j',
    (scope) => expect(isValidScope(scope)).toBe(true),
  );

  it.each([
    'tickets',
    'Tickets:read',
    'tickets:Read',
    'tickets:read:own:extra',
    'tickets::own',
    ':read',
    'tickets:read:',
    '1tickets:read',
    'tickets read',
    'tickets_core:read',
    '',
  ])('refuses %j', (scope) => expect(isValidScope(scope)).toBe(false));
});

describe('scopeSatisfies: extents widen own ⊂ org ⊂ all', () => {
  it.each([
    ['tickets:read:all', 'tickets:read:all'],
    ['tickets:read:all', 'tickets:read:org'],
    ['tickets:read:all', 'tickets:read:own'],
    ['tickets:read:org', 'tickets:read:org'],
    ['tickets:read:org', 'tickets:read:own'],
    ['tickets:read:own', 'tickets:read:own'],
    ['kb:read', 'kb:read'],
  ])('%s satisfies %s', (granted, required) => {
    expect(scopeSatisfies(granted, required)).toBe(true);
  });

  it.each([
    ['tickets:read:own', 'tickets:read:org'],
    ['tickets:read:own', 'tickets:read:all'],
    ['tickets:read:org', 'tickets:read:all'],
    ['tickets:write:all', 'tickets:read:own'],
    ['notes:read:all', 'tickets:read:own'],
    ['tickets:read', 'tickets:read:own'],
    ['tickets:read:all', 'tickets:read'],
    ['kb:read', 'kb:write'],
    // Unknown extents only match themselves: they are never ranked.
    ['tickets:read:team', 'tickets:read:own'],
    ['tickets:read:all', 'tickets:read:team'],
  ])('%s does not satisfy %s', (granted, required) => {
    expect(scopeSatisfies(granted, required)).toBe(false);
  });

  it('anySatisfies looks through every granted scope', () => {
    expect(anySatisfies(['kb:read', 'tickets:read:org'], 'tickets:read:own')).toBe(true);
    expect(anySatisfies(['kb:read', 'tickets:read:own'], 'tickets:read:org')).toBe(false);
    expect(anySatisfies([], 'kb:read')).toBe(false);
    expect(anySatisfies(new Set(['kb:read']), 'kb:read')).toBe(true);
  });
});

describe('scopeMatchesPattern (role policy patterns)', () => {
  it.each([
    ['tickets:read:own', '*'],
    ['kb:read', '*'],
    ['tickets:read:own', '*:*:own'],
    ['tickets:write:org', '*:*:org'],
    ['kb:read', '*:read'],
    ['tickets:read:all', 'tickets:*:*'],
    ['tickets:read:all', 'tickets:read:all'],
  ])('%s matches %s', (scope, pattern) => expect(scopeMatchesPattern(scope, pattern)).toBe(true));

  it.each([
    ['tickets:read:all', '*:*:own'],
    // `*` is one whole segment: a two-segment pattern never matches a three-segment scope.
    ['tickets:read:own', '*:read'],
    ['kb:read', '*:*:own'],
    ['kb:write', '*:read'],
    ['tickets:read:own', 'tick*:read:own'],
    ['notes:read:own', 'tickets:*:*'],
  ])('%s does not match %s', (scope, pattern) =>
    expect(scopeMatchesPattern(scope, pattern)).toBe(false),
  );
});
