/**
 * The core's kinds and their default days (ADR 0039): audit rows a little over a year, so a
 * yearly review still finds the whole year; OAuth rows one day past their expiry (expired rows
 * already work for no one; the day leaves time to look into one); unused self-registered
 * clients as soon as their `unusedClientTtlHours` expiry passes.
 *
 * @example
 * coreRetentionDefaults.audit // 400
 */
export const coreRetentionDefaults = Object.freeze({
  audit: 400,
  'oauth.tokens': 1,
  'oauth.clients': 0,
} as const);
