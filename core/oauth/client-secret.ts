import { hash, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256$';

/**
 * Hashes a client secret for storage. Client secrets are long random strings, so one SHA-256
 * suffices (unlike passwords, nothing is gained from a slow hash).
 *
 * @example
 * hashClientSecret('s3cr3t') // 'sha256$…'
 */
export function hashClientSecret(secret: string): string {
  return prefix + hash('sha256', secret, 'base64url');
}

/** True when `value` is a {@link hashClientSecret} result rather than a plain secret. */
export function isHashedClientSecret(value: string): boolean {
  return value.startsWith(prefix);
}

/**
 * Compares a presented secret with a stored one (hashed, or plain for a client cached in memory
 * just after registration) in constant time.
 *
 * @example
 * clientSecretMatches(stored, presented)
 */
export function clientSecretMatches(stored: string | undefined, presented: string): boolean {
  if (stored === undefined || stored === '') return false;
  const expected = Buffer.from(isHashedClientSecret(stored) ? stored : hashClientSecret(stored));
  const actual = Buffer.from(hashClientSecret(presented));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
