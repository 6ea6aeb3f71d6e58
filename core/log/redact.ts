const secretKey = /(pass(word)?|secret|token|authori[sz]ation|api[-_]?key|cookie|credential)/i;

/** The placeholder written in place of a secret value. */
export const redacted = '[redacted]';

/**
 * Returns a deep copy of `value` with every value under a secret-looking key (password, token,
 * secret, authorization, api key, cookie, credential) or a listed key replaced by `[redacted]`.
 *
 * @example
 * redactSecrets({ user: 'a', password: 'x' }) // { user: 'a', password: '[redacted]' }
 */
export function redactSecrets(value: unknown, extraKeys: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, extraKeys));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      secretKey.test(key) || extraKeys.includes(key) ? redacted : redactSecrets(inner, extraKeys);
  }
  return out;
}
