import { createHash } from 'node:crypto';

// Whole words of a key (split at camelCase and separators), so `apiKey`, `client_secret` and
// `X-Auth-Token` are caught while `passenger_count` and `secretary` are not.
const secretWords = new Set([
  'password',
  'passwd',
  'pass',
  'passphrase',
  'pwd',
  'secret',
  'secrets',
  'token',
  'tokens',
  'authorization',
  'authorisation',
  'auth',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
  'bearer',
  'otp',
  'pin',
]);
const secretPairs = new Set(['api key', 'private key', 'access key', 'secret key', 'session id']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a key names a secret by one of its words (or a two-word phrase such as api key). */
export function isSecretKey(key: string): boolean {
  const parts = words(key);
  return parts.some(
    (word, i) => secretWords.has(word) || (i > 0 && secretPairs.has(`${parts[i - 1]} ${word}`)),
  );
}

/** The placeholder written in place of a secret value. */
export const redacted = '[redacted]';

/**
 * Returns a deep copy of `value` with every value under a secret-looking key (password, token,
 * secret, authorization, api key, cookie, credential) or a listed key replaced by `[redacted]`,
 * and anything nested deeper than 32 levels by a `[cut: …]` marker.
 *
 * @example
 * redactSecrets({ user: 'a', password: 'x' }) // { user: 'a', password: '[redacted]' }
 */
export function redactSecrets(value: unknown, extraKeys: readonly string[] = []): unknown {
  return redactAt(value, extraKeys, 0);
}

/** Deeper than this, a logged value is replaced by a marker: recursion stays far from the stack's end. */
const maxRedactDepth = 32;

function redactAt(value: unknown, extraKeys: readonly string[], depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxRedactDepth) return `[cut: nested deeper than ${maxRedactDepth} levels]`;
  if (Array.isArray(value)) return value.map((v) => redactAt(v, extraKeys, depth + 1));
  // No prototype, so a key named __proto__ stays data.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) || extraKeys.includes(key)
        ? redacted
        : redactAt(inner, extraKeys, depth + 1);
  }
  return out;
}

/**
 * A short digest of a value a log line should identify but not show (an e-mail in a failed
 * sign-in): the same value gives the same 12 hex characters, so one account attacked from many
 * addresses shows as one.
 *
 * @example
 * logDigest('alice@example.com') // 'ff8d9819fc0e'
 */
export function logDigest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}
