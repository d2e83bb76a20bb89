/** Nanoseconds (what the bookkeeping table stores) for people: `850 µs`, `12.3 ms`, `4.02 s`. */
export function formatDuration(ns: bigint): string {
  const n = Number(ns);
  if (n < 1_000_000) return `${Math.round(n / 1000)} µs`;
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(n < 100_000_000 ? 1 : 0)} ms`;
  return `${(n / 1_000_000_000).toFixed(2)} s`;
}
