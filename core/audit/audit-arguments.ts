import { isSecretKey, redacted } from '../log/redact.js';

/**
 * What an audit row keeps of a call's arguments. Any caller chooses the arguments, so a row is
 * bounded whatever they are: nesting, entries per object or array, string length and the total.
 */
export const auditArgumentLimits = Object.freeze({
  /** Levels of objects and arrays kept; deeper values become a cut marker. */
  maxDepth: 12,
  /** Entries kept per object or array. */
  maxEntries: 50,
  /** Characters kept per string. */
  maxStringLength: 1_000,
  /** Characters of keys and values kept in all (the stored JSON stays within about twice this). */
  maxTotalLength: 4_000,
});

/** The key under which an object or array notes the entries it lost. */
export const cutKey = '[cut]';

/** A stored value cut short starts with this, so a reader knows the row is not the whole call. */
export const cutMarker = '[cut: ';

/** What a copy has left to spend, and the keys it redacts besides those named like secrets. */
interface Budget {
  left: number;
  readonly secretKeys: readonly string[];
}

function cutString(text: string, budget: Budget): string {
  const keep = Math.max(0, Math.min(text.length, auditArgumentLimits.maxStringLength, budget.left));
  budget.left -= keep;
  if (keep === text.length) return text;
  return `${text.slice(0, keep)}${cutMarker}${text.length - keep} more characters]`;
}

function boundedCopy(value: unknown, depth: number, budget: Budget): unknown {
  if (typeof value === 'string') return cutString(value, budget);
  if (typeof value !== 'object' || value === null) {
    budget.left -= 8;
    return value;
  }
  if (depth >= auditArgumentLimits.maxDepth) {
    return `${cutMarker}nested deeper than ${auditArgumentLimits.maxDepth} levels]`;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const inner of value) {
      if (out.length >= auditArgumentLimits.maxEntries || budget.left <= 0) break;
      out.push(boundedCopy(inner, depth + 1, budget));
    }
    if (out.length < value.length) out.push(`${cutMarker}${value.length - out.length} more items]`);
    return out;
  }
  const keys = Object.keys(value);
  // No prototype, so a key named __proto__ is kept as data like any other.
  const out = Object.create(null) as Record<string, unknown>;
  let kept = 0;
  for (const key of keys) {
    if (kept >= auditArgumentLimits.maxEntries || budget.left <= 0) break;
    budget.left -= key.length;
    const inner = (value as Record<string, unknown>)[key];
    const secret = isSecretKey(key) || budget.secretKeys.includes(key);
    out[key] = secret ? redacted : boundedCopy(inner, depth + 1, budget);
    kept++;
  }
  if (kept < keys.length) out[cutKey] = `${keys.length - kept} more keys`;
  return out;
}

/**
 * The JSON an audit row stores for a call's arguments: secrets redacted (by key, as in logs, and
 * the tool's `secretArguments`), and cut to {@link auditArgumentLimits} with a `[cut: …]` marker
 * wherever something was left out. Never throws and never recurses past `maxDepth`, so a hostile
 * argument cannot cost the call its audit row.
 *
 * @example
 * auditArgumentsJson({ summary: 'VPN down', password: 'x' }) // '{"summary":"VPN down","password":"[redacted]"}'
 */
export function auditArgumentsJson(args: unknown, secretKeys: readonly string[] = []): string {
  try {
    const budget = { left: auditArgumentLimits.maxTotalLength, secretKeys };
    return JSON.stringify(boundedCopy(args ?? {}, 0, budget)) ?? '{}';
  } catch (error) {
    return JSON.stringify({
      [cutKey]: `arguments could not be stored: ${(error as Error).message}`,
    });
  }
}
