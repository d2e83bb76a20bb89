/**
 * What `pg` returns for an `interval` column: a `postgres-interval` object. Only the units that are
 * non-zero are present; `milliseconds` may be fractional (PostgreSQL keeps microseconds).
 * Any object with `toPostgres()` is also accepted as an interval parameter: `pg` sends the string
 * it returns.
 */
export interface Interval {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  toPostgres(): string;
}
