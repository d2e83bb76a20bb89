/**
 * `timestamptz` ⇄ `Date`, exactly and in every time zone: the text PostgreSQL prints (ISO
 * DateStyle, any session TimeZone, offsets with seconds such as New York's pre-1883 `-04:56:02`,
 * years beyond 9999, `BC`) is read field by field in UTC, so the process's TZ never matters.
 *
 * `infinity` / `-infinity` become the latest / earliest instant a `Date` can hold
 * (±8.64e15 ms, ±275760-09-13); those two Dates are sent back as `infinity` / `-infinity`. A finite
 * value at or beyond them cannot be a Date: decoding it throws instead of inventing one.
 * Microseconds are truncated to milliseconds (a Date has no finer precision); select
 * `col::text` when they matter.
 */

/** The Date that stands for `infinity`. */
export const INFINITY_DATE_MS = 8.64e15;

const PATTERN = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d)(?::?(\d\d))?)?)?( BC)?$/;

export function decodeTimestamptz(text: string): Date {
  if (text === 'infinity') return new Date(INFINITY_DATE_MS);
  if (text === '-infinity') return new Date(-INFINITY_DATE_MS);
  const m = PATTERN.exec(text);
  if (m === null) {
    throw new Error(`unexpected timestamptz text ${JSON.stringify(text)} (sqlsure reads the ISO DateStyle, PostgreSQL's default)`);
  }
  const year = m[12] ? 1 - Number(m[1]) : Number(m[1]);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0);
  let ms = date.getTime();
  if (m[8]) {
    const offset = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * 1000;
    ms -= m[8] === '-' ? -offset : offset;
  }
  if (!(Math.abs(ms) < INFINITY_DATE_MS)) {
    throw new RangeError(`timestamptz ${text} is beyond what a JavaScript Date can hold (select it as text)`);
  }
  return new Date(ms);
}

/** A Date as timestamptz text in UTC, any year (BC included); ±8.64e15 ms as ±infinity. */
export function encodeTimestamptz(value: Date): string {
  const ms = value.getTime();
  if (ms === INFINITY_DATE_MS) return 'infinity';
  if (ms === -INFINITY_DATE_MS) return '-infinity';
  if (Number.isNaN(ms)) throw new RangeError('an Invalid Date cannot be sent as a timestamptz');
  const year = value.getUTCFullYear();
  const bc = year <= 0;
  return (
    `${pad(bc ? 1 - year : year, 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)} ` +
    `${pad(value.getUTCHours(), 2)}:${pad(value.getUTCMinutes(), 2)}:${pad(value.getUTCSeconds(), 2)}.${pad(value.getUTCMilliseconds(), 3)}+00` +
    (bc ? ' BC' : '')
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
