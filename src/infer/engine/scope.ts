/** Range entries of a query level and how column references resolve against them. */

export interface Verdict {
  nullable: boolean;
  because?: string;
}

export const NON_NULL: Verdict = { nullable: false };

export function nullable(because: string): Verdict {
  return { nullable: true, because };
}

export interface EntryColumn {
  name: string;
  /** Nullability inside the entry, before any outer join null-extends it. */
  base: Verdict;
  /** Set for table columns: whether the column's type is a string type. */
  textLike?: boolean;
  /** Proven non-null in every row where the entry is matched (a null-rejecting ON or WHERE condition). */
  narrowed?: boolean;
}

export interface ScopeEntry {
  /** Alias, or relation/CTE name; undefined for an unaliased subquery. */
  refName?: string;
  label: string;
  /** Undefined when the columns are unknown (a function returning a record, say): everything is nullable. */
  columns?: EntryColumn[];
  /** Not a relation: the merged column of a FULL JOIN USING (left out of labels). */
  synthetic?: boolean;
  /** Why an outer join can produce a row of NULLs for this entry. */
  extendedBecause?: string;
}

/** A column as it can be referenced: one entry's column, or a USING/NATURAL merged column. */
export type ColumnSource =
  | { kind: 'entry'; entry: ScopeEntry; column: EntryColumn }
  | { kind: 'merged'; name: string; mode: 'left' | 'right' | 'both'; left: ColumnSource; right: ColumnSource }
  | { kind: 'unknown'; name: string; because: string };

export interface FromResult {
  entries: ScopeEntry[];
  /** What `*` expands to, in order. */
  star: ColumnSource[];
  /** Merged USING/NATURAL columns: an unqualified reference means these. */
  merged: Map<string, ColumnSource>;
  /** A join alias (`(a JOIN b) AS j`) and the columns it exposes. */
  joinAliases: Map<string, ColumnSource[]>;
}

export function sourceVerdict(source: ColumnSource): Verdict {
  switch (source.kind) {
    case 'unknown':
      return nullable(source.because);
    case 'entry': {
      const { entry, column } = source;
      // Null-extension by an outer join wins over anything proven about matched rows.
      if (entry.extendedBecause) return nullable(entry.extendedBecause);
      if (column.narrowed) return NON_NULL;
      return column.base;
    }
    case 'merged': {
      const l = sourceVerdict(source.left);
      const r = sourceVerdict(source.right);
      if (source.mode === 'left') return l;
      if (source.mode === 'right') return r;
      // INNER: the equality proves both sides non-null in every joined row; only an outer join
      // above can null them (it null-extends every entry inside). FULL JOIN's merged column is an
      // entry of its own.
      const extended = sourceEntries(source).find((e) => e.extendedBecause);
      return extended ? nullable(extended.extendedBecause!) : NON_NULL;
    }
  }
}

/** The entry a source belongs to, to clear its null-extension when a condition proves it matched. */
export function sourceEntries(source: ColumnSource): ScopeEntry[] {
  if (source.kind === 'entry') return [source.entry];
  if (source.kind === 'merged') return [...sourceEntries(source.left), ...sourceEntries(source.right)];
  return [];
}

/** Marks a column non-null (a null-rejecting condition holds for every row that reaches here). */
export function narrow(source: ColumnSource, rescue: boolean): void {
  if (source.kind === 'entry') {
    source.column.narrowed = true;
    // If the column is non-null, this entry cannot be a row of NULLs produced by an outer join.
    if (rescue) delete source.entry.extendedBecause;
  } else if (source.kind === 'merged') {
    narrow(source.mode === 'right' ? source.right : source.left, rescue);
    if (source.mode === 'both') narrow(source.right, rescue);
  }
}

export function entryColumnSources(entry: ScopeEntry): ColumnSource[] {
  return (entry.columns ?? []).map((column) => ({ kind: 'entry', entry, column }) as const);
}

/** Resolves `a.b` / `b` against one FROM result; `undefined` when this level has no such column. */
export function resolveIn(from: FromResult, qualifier: string | undefined, name: string): ColumnSource | undefined {
  if (qualifier !== undefined) {
    const alias = from.joinAliases.get(qualifier);
    if (alias) return alias.find((c) => sourceName(c) === name) ?? { kind: 'unknown', name, because: `column ${qualifier}.${name} of a join alias` };
    const entry = from.entries.find((e) => e.refName === qualifier);
    if (!entry) return undefined;
    if (!entry.columns) return { kind: 'unknown', name, because: `${entry.label}.${name}: the columns of ${entry.label} are not known` };
    const column = entry.columns.find((c) => c.name === name);
    return column ? { kind: 'entry', entry, column } : undefined;
  }
  const merged = from.merged.get(name);
  if (merged) return merged;
  for (const entry of from.entries) {
    const column = entry.columns?.find((c) => c.name === name);
    if (column) return { kind: 'entry', entry, column };
  }
  // PostgreSQL resolved the reference, so an entry with unknown columns must hold it.
  const opaque = from.entries.find((e) => !e.columns);
  return opaque ? { kind: 'unknown', name, because: `${name} comes from ${opaque.label}, whose columns are not known` } : undefined;
}

export function sourceName(source: ColumnSource): string {
  return source.kind === 'entry' ? source.column.name : source.name;
}
