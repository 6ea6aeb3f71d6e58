import { describe, expect, it } from 'vitest';
import { redactSecrets, redacted } from '../../../core/log/redact.js';

describe('redactSecrets', () => {
  it.each([
    'password',
    'pass',
    'Password',
    'newPassword',
    'client_secret',
    'token',
    'accessToken',
    'refresh_token',
    'authorization',
    'Authorisation',
    'apiKey',
    'api_key',
    'x-api-key',
    'cookie',
    'credentials',
  ])('redacts the value under %j', (key) => {
    expect(redactSecrets({ [key]: 'value', keep: 'visible' })).toEqual({
      [key]: redacted,
      keep: 'visible',
    });
  });

  it.each(['username', 'ticketId', 'summary', 'author', 'keyword', 'note'])(
    'keeps the value under %j',
    (key) => {
      expect(redactSecrets({ [key]: 'value' })).toEqual({ [key]: 'value' });
    },
  );

  it('redacts inside nested objects and arrays, whatever the value type', () => {
    expect(
      redactSecrets({
        steps: [{ name: 'login', password: 'x' }, { token: { nested: true } }],
        meta: { secret: 42 },
      }),
    ).toEqual({
      steps: [{ name: 'login', password: redacted }, { token: redacted }],
      meta: { secret: redacted },
    });
  });

  it("redacts the extra keys it is given (a tool's secretArguments)", () => {
    expect(redactSecrets({ pin: '0451', door: 'B2', nested: { pin: '1' } }, ['pin'])).toEqual({
      pin: redacted,
      door: 'B2',
      nested: { pin: redacted },
    });
  });

  it('returns primitives unchanged and never mutates its input', () => {
    expect(redactSecrets('password')).toBe('password');
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(7)).toBe(7);
    const input = { password: 'x', list: [{ token: 'y' }] };
    const copy = structuredClone(input);
    redactSecrets(input);
    expect(input).toEqual(copy);
  });
});

describe('secret keys are matched by whole words', () => {
  it.each([
    'password',
    'apiKey',
    'X-Api-Key',
    'client_secret',
    'accessToken',
    'refresh_token',
    'Authorization',
    'private_key',
    'sessionId',
  ])('redacts %s', (key) => {
    expect(redactSecrets({ [key]: 'v' })).toEqual({ [key]: '[redacted]' });
  });

  it.each(['passenger_count', 'secretary', 'tokenizer', 'bypass', 'spinner'])('keeps %s', (key) => {
    expect(redactSecrets({ [key]: 'v' })).toEqual({ [key]: 'v' });
  });
});
