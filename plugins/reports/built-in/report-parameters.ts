import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ToolError } from '../../../core/index.js';
import type { DeskTables } from '../../desk/api.js';

const day = 86_400_000;

/**
 * The years a report argument may name. JavaScript's dates read years 0–99 as 1900–1999 (a
 * month "0026-11" reported as 1926-11), and no desk holds tickets from before 2000.
 */
export const reportYears = Object.freeze({ first: 2000, last: 2100 });

/** True when the `YYYY` a date or month starts with is within {@link reportYears}. */
function isReportYear(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= reportYears.first && year <= reportYears.last;
}

const yearRule = `with a year from ${reportYears.first} to ${reportYears.last}`;

/**
 * A `YYYY-MM` month argument, its year within {@link reportYears}.
 *
 * @example
 * parameters: z.object({ month: monthSchema.optional() })
 */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM with a month 01–12, e.g. 2026-02')
  .refine(isReportYear, { message: `month must be YYYY-MM ${yearRule}, e.g. 2026-02` });

/** True for a `YYYY-MM-DD` that exists; zod runs this even after the pattern failed. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/**
 * A calendar date argument, `YYYY-MM-DD`, that exists (no 2026-02-30), its year within
 * {@link reportYears}.
 *
 * @example
 * isoDateSchema('from').optional()
 */
export function isoDateSchema(field: string) {
  const message = `${field} must be a date YYYY-MM-DD, e.g. 2026-02-02`;
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isCalendarDate, { message })
    .refine(isReportYear, { message: `${field} must be a date YYYY-MM-DD ${yearRule}` });
}

/**
 * The UTC bounds of `month` (the month of `now` when left out), as ISO strings: start inclusive,
 * end exclusive.
 *
 * @example
 * monthBounds('2026-02', now) // { month: '2026-02', start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' }
 */
export function monthBounds(month: string | undefined, now: Date) {
  const [year, index] =
    month === undefined
      ? [now.getUTCFullYear(), now.getUTCMonth()]
      : [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const start = new Date(Date.UTC(year, index, 1));
  const end = new Date(Date.UTC(year, index + 1, 1));
  return {
    month: start.toISOString().slice(0, 7),
    start: start.toISOString(),
    end: end.toISOString(),
  };
}

/**
 * The Monday (UTC) of the ISO week holding `date`, as `YYYY-MM-DD`.
 *
 * @example
 * isoWeekStart(new Date('2026-02-05T10:00:00Z')) // '2026-02-02'
 */
export function isoWeekStart(date: Date): string {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * day).toISOString().slice(0, 10);
}

/**
 * The date `days` after `date` (`YYYY-MM-DD`), negative for before.
 *
 * @example
 * addDays('2026-02-02', 7) // '2026-02-09'
 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * day).toISOString().slice(0, 10);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to five of `names` close to `wanted`: containing it or a word of it, or a few typos away.
 *
 * @example
 * closeNames('acorn', ['Acorn Construction', 'Birch Dental']) // ['Acorn Construction']
 */
export function closeNames(wanted: string, names: readonly string[]): string[] {
  const needle = wanted.trim().toLowerCase();
  const words = needle.split(/\s+/).filter((word) => word.length >= 3);
  const scored = names.map((name) => {
    const lower = name.toLowerCase();
    const contains = lower.includes(needle) || words.some((word) => lower.includes(word));
    return { name, distance: contains ? 0 : editDistance(needle, lower) };
  });
  return scored
    .filter((entry) => entry.distance <= Math.max(3, Math.floor(needle.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 5)
    .map((entry) => entry.name);
}

/**
 * The id of team `key`, or a ToolError naming the `team` argument and the keys there are.
 *
 * @example
 * const teamId = team === undefined ? undefined : await teamIdByKey(db, team);
 */
export async function teamIdByKey(db: Kysely<DeskTables>, key: string): Promise<number> {
  const teams = await db.selectFrom('desk_teams').select(['id', 'key']).orderBy('key').execute();
  const found = teams.find((team) => team.key === key.trim().toLowerCase());
  if (found === undefined) {
    throw new ToolError(
      `team: unknown team "${key}"; use one of: ${teams.map((team) => team.key).join(', ')}`,
    );
  }
  return found.id;
}
