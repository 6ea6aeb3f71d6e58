const msPerDay = 86_400_000;
const dayPrefixes = new Map<number, string>();

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * `new Date(ms).toISOString()`, several times faster: the generator formats millions of times,
 * and `toISOString` was most of its cost. The date part is cached per day.
 *
 * @example
 * isoTime(Date.UTC(2026, 0, 5, 9)) // '2026-01-05T09:00:00.000Z'
 */
export function isoTime(ms: number): string {
  const dayNumber = Math.floor(ms / msPerDay);
  let prefix = dayPrefixes.get(dayNumber);
  if (prefix === undefined) {
    prefix = new Date(dayNumber * msPerDay).toISOString().slice(0, 11);
    dayPrefixes.set(dayNumber, prefix);
  }
  const rest = Math.floor(ms) - dayNumber * msPerDay;
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor(rest / 60_000) % 60;
  const seconds = Math.floor(rest / 1000) % 60;
  return `${prefix}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(rest % 1000, 3)}Z`;
}
