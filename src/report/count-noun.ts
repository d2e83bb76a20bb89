/** "1 module", "2 modules": every count in a message agrees with its noun. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "1 of 1 query", "0 of 2 queries": the noun agrees with the total. */
export function ofTotal(part: number, total: number, singular: string, plural = `${singular}s`): string {
  return `${part} of ${count(total, singular, plural)}`;
}
