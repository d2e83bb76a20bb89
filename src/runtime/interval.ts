/**
 * `interval` values: the same shape `pg` (postgres-interval) returns — only the non-zero units are
 * present, `milliseconds` may be fractional (PostgreSQL keeps microseconds) — decoded by sqlsure
 * itself so PGlite delivers it too. As a parameter, any object with these optional fields is
 * accepted (`{ hours: 3, minutes: 30 }`), including the objects `pg` itself produces.
 */
export interface Interval {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  /** Present on decoded values (and pg's), so they can be handed to pg directly as well. */
  toPostgres?(): string;
}

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;
/** PostgreSQL's own spelling of each unit in interval input. */
const SQL_UNITS = ['years', 'mons', 'days', 'hours', 'mins', 'secs', 'msecs'];

const PROTO = {
  toPostgres(this: Interval): string {
    return encodeInterval(this);
  },
};
Object.defineProperty(PROTO, 'toPostgres', { enumerable: false });

const DATE_PART = /([+-]?\d+) (year|mon|day)s?/g;
const TIME_PART = /(?:^|\s)([+-])?(\d+):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;
const WHOLE = /^(?:[+-]?\d+ (?:years?|mons?|days?)(?: |$))*(?:[+-]?\d+:\d\d:\d\d(?:\.\d{1,6})?)?$/;

/** Parses interval text in the `postgres` IntervalStyle (PostgreSQL's default). */
export function decodeInterval(text: string): Interval {
  if (!WHOLE.test(text)) {
    throw new Error(`unexpected interval text ${JSON.stringify(text)} (sqlsure reads IntervalStyle "postgres", PostgreSQL's default)`);
  }
  const out = Object.create(PROTO) as Record<string, number>;
  for (const m of text.matchAll(DATE_PART)) {
    const n = Number(m[1]);
    if (n !== 0) out[m[2] === 'year' ? 'years' : m[2] === 'mon' ? 'months' : 'days'] = n;
  }
  const t = TIME_PART.exec(text);
  if (t) {
    const sign = t[1] === '-' ? -1 : 1;
    const micros = t[5] ? Number(t[5].padEnd(6, '0')) : 0;
    const parts: Array<[string, number]> = [
      ['hours', Number(t[2])],
      ['minutes', Number(t[3])],
      ['seconds', Number(t[4])],
      ['milliseconds', micros / 1000],
    ];
    for (const [unit, n] of parts) if (n !== 0) out[unit] = sign * n;
  }
  return out as Interval;
}

/** Interval input text from the fields of `value`; each unit may be fractional or negative. */
export function encodeInterval(value: Interval): string {
  const parts: string[] = [];
  const fields = value as Record<string, unknown>;
  UNITS.forEach((unit, i) => {
    const n = fields[unit];
    if (n === undefined || n === 0) return;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new TypeError(`interval ${unit} must be a finite number, got ${String(n)}`);
    parts.push(`${n} ${SQL_UNITS[i]}`);
  });
  return parts.length > 0 ? parts.join(' ') : '0';
}
