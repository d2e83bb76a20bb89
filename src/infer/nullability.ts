/**
 * Result-column nullability, decided from the statement's AST plus catalog facts. Sound by
 * construction: a column is non-null only when a rule below proves it; everything else is
 * nullable, with the reason recorded.
 *
 * Baseline rules:
 * - a column reference that resolves to a plain table column in the statement's own FROM (or DML
 *   target) takes NOT attnotnull, unless an outer join can null-extend that table;
 * - grouping sets, set operations and every other expression are nullable.
 */
import type { Catalog } from '../database/catalog.js';
import type { DescribedField } from '../database/wire-session.js';
import { stringValue, unwrap, type AstNode } from './ast.js';
import { cteNamesOf, entriesFromFromClause, entryFromRangeVar, type RangeEntry } from './range-scope.js';

export interface ColumnNullability {
  nullable: boolean;
  because?: string;
}

interface Level {
  targets: AstNode[];
  entries: RangeEntry[];
  /** Set when no column of this level can be proven non-null. */
  allNullableBecause?: string;
}

export function inferColumnNullability(stmt: AstNode, fields: readonly DescribedField[], catalog: Catalog): ColumnNullability[] {
  const level = queryLevel(stmt);
  if (!level || level.allNullableBecause) {
    const because = level?.allNullableBecause ?? 'expression (not analysed)';
    return fields.map(() => ({ nullable: true, because }));
  }
  const spans = targetSpans(level.targets, fields.length);
  return fields.map((field, i) => decide(field, spans[i], level.entries, catalog));
}

function queryLevel(stmt: AstNode): Level | undefined {
  const [type, s] = unwrap(stmt) ?? [];
  if (!type || !s) return undefined;
  const ctes = cteNamesOf(s.withClause);
  switch (type) {
    case 'SelectStmt': {
      if (s.op && s.op !== 'SETOP_NONE') return { targets: [], entries: [], allNullableBecause: `${setOpWord(s.op)} result (set operations are not analysed yet)` };
      if (s.valuesLists) return { targets: [], entries: [], allNullableBecause: 'VALUES list (not analysed yet)' };
      const groupingSets = ((s.groupClause as AstNode[] | undefined) ?? []).some((g) => unwrap(g)?.[0] === 'GroupingSet');
      return {
        targets: s.targetList ?? [],
        entries: entriesFromFromClause(s.fromClause, ctes),
        ...(groupingSets ? { allNullableBecause: 'GROUPING SETS / ROLLUP / CUBE produce NULL in subtotal rows' } : {}),
      };
    }
    case 'InsertStmt':
      return { targets: returning(s), entries: [entryFromRangeVar(s.relation, ctes)] };
    case 'UpdateStmt':
      return { targets: returning(s), entries: [entryFromRangeVar(s.relation, ctes), ...entriesFromFromClause(s.fromClause, ctes)] };
    case 'DeleteStmt':
      return { targets: returning(s), entries: [entryFromRangeVar(s.relation, ctes), ...entriesFromFromClause(s.usingClause, ctes)] };
    default:
      return undefined;
  }
}

type Span =
  | { kind: 'column'; qualifier?: string; column: string }
  | { kind: 'star'; qualifier?: string; ambiguous: boolean }
  | { kind: 'expression' };

/** Lines the target list up with the described fields (a `*` covers several). */
function targetSpans(targets: AstNode[], fieldCount: number): Array<Span | undefined> {
  const kinds = targets.map((t) => targetKind(t.ResTarget ?? {}));
  const stars = kinds.filter((k) => k.kind === 'star').length;
  const starWidth = stars === 1 ? fieldCount - (kinds.length - 1) : -1;
  const spans: Array<Span | undefined> = [];
  for (const kind of kinds) {
    if (kind.kind !== 'star') spans.push(kind);
    else if (stars === 1) for (let k = 0; k < starWidth; k++) spans.push(kind);
    else return spans.concat(new Array(fieldCount - spans.length).fill({ ...kind, qualifier: undefined, ambiguous: true }));
  }
  return spans.length === fieldCount ? spans : new Array(fieldCount).fill(undefined);
}

function targetKind(target: AstNode): Span {
  const ref = target.val?.ColumnRef;
  if (!ref) return { kind: 'expression' };
  const parts = ref.fields as AstNode[];
  const last = parts[parts.length - 1]!;
  const qualifier = parts.length >= 2 ? stringValue(parts[parts.length - 2]) : undefined;
  if (last.A_Star) return { kind: 'star', ...(qualifier ? { qualifier } : {}), ambiguous: false };
  const column = stringValue(last);
  return column ? { kind: 'column', ...(qualifier ? { qualifier } : {}), column } : { kind: 'expression' };
}

function decide(field: DescribedField, span: Span | undefined, entries: RangeEntry[], catalog: Catalog): ColumnNullability {
  if (!span || span.kind === 'expression') return { nullable: true, because: 'expression (not analysed)' };
  const origin = field.tableId > 0 ? catalog.columns.get(`${field.tableId}:${field.columnId}`) : undefined;
  if (!origin) return { nullable: true, because: 'not a plain table column' };

  const matchesOrigin = (e: RangeEntry): boolean =>
    !!e.relation && e.relation.name === origin.table && (!e.relation.schema || e.relation.schema === origin.schema);

  let candidates: RangeEntry[];
  if (span.qualifier !== undefined) {
    candidates = entries.filter((e) => e.refName === span.qualifier);
  } else if (span.kind === 'star' && entries.some((e) => !e.relation)) {
    // `*` over a subquery, function or CTE: the column may come from inside it.
    return { nullable: true, because: `${origin.table}.${origin.column} reached through * over a subquery, function or CTE (not analysed yet)` };
  } else if (span.kind === 'column' && span.column !== origin.column) {
    // Renamed on the way (`x.email AS display` inside a subquery): not a direct table column here.
    return { nullable: true, because: `${origin.table}.${origin.column} reached through a subquery, CTE or view (not analysed yet)` };
  } else {
    // An unqualified reference is unambiguous (PostgreSQL checked it), and a direct entry for the
    // origin table has this very column, so the reference resolves to such an entry.
    candidates = entries.filter(matchesOrigin);
  }
  if (candidates.length === 0 || !candidates.every(matchesOrigin)) {
    return { nullable: true, because: `${origin.table}.${origin.column} reached through a subquery, CTE or view (not analysed yet)` };
  }
  const extended = candidates.find((e) => e.nullExtendedBecause);
  if (extended) return { nullable: true, because: extended.nullExtendedBecause! };
  if (origin.relkind !== 'r' && origin.relkind !== 'p') {
    return { nullable: true, because: `${origin.table}.${origin.column} is a view column` };
  }
  if (!origin.notNull) return { nullable: true, because: `column ${origin.table}.${origin.column} allows NULL` };
  return { nullable: false };
}

/** RETURNING targets (PostgreSQL 18 moved them into `returningClause.exprs`). */
export function returning(s: AstNode): AstNode[] {
  return (s.returningClause?.exprs ?? s.returningList ?? []) as AstNode[];
}

function setOpWord(op: string): string {
  return op.replace('SETOP_', '');
}
