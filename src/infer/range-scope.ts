/**
 * The range entries of one query level (FROM items, DML target), each with whether an outer join
 * can null-extend it and why.
 */
import { unwrap, type AstNode } from './ast.js';

export interface RangeEntry {
  /** Name a column reference qualifies with: the alias, else the relation name. */
  refName: string;
  /** Set for plain table/view references (not CTEs). */
  relation?: { schema?: string; name: string };
  /** Human-readable description, e.g. `devices d`. */
  label: string;
  /** Why an outer join can produce NULLs for every column of this entry, if it can. */
  nullExtendedBecause?: string;
}

export function entriesFromFromClause(fromClause: AstNode[] | undefined, cteNames: ReadonlySet<string>): RangeEntry[] {
  const entries: RangeEntry[] = [];
  for (const item of fromClause ?? []) collect(item, undefined, cteNames, entries);
  return entries;
}

export function entryFromRangeVar(rangeVar: AstNode, cteNames: ReadonlySet<string>): RangeEntry {
  const name = rangeVar.relname as string;
  const schema = rangeVar.schemaname as string | undefined;
  const alias = rangeVar.alias?.aliasname as string | undefined;
  const isCte = !schema && cteNames.has(name);
  return {
    refName: alias ?? name,
    ...(isCte ? {} : { relation: { ...(schema ? { schema } : {}), name } }),
    label: alias ? `${schema ? schema + '.' : ''}${name} ${alias}` : `${schema ? schema + '.' : ''}${name}`,
  };
}

function collect(node: AstNode, nullBecause: string | undefined, cteNames: ReadonlySet<string>, out: RangeEntry[]): void {
  const unwrapped = unwrap(node);
  if (!unwrapped) return;
  const [type, fields] = unwrapped;
  switch (type) {
    case 'RangeVar':
      out.push(withNull(entryFromRangeVar(fields, cteNames), nullBecause));
      return;
    case 'JoinExpr': {
      const kind = fields.jointype as string;
      const left = describeSide(fields.larg, cteNames);
      const right = describeSide(fields.rarg, cteNames);
      const leftNull =
        kind === 'JOIN_RIGHT' || kind === 'JOIN_FULL' ? `left side of ${joinWord(kind)} (${left})` : undefined;
      const rightNull =
        kind === 'JOIN_LEFT' || kind === 'JOIN_FULL' ? `right side of ${joinWord(kind)} ${right}` : undefined;
      collect(fields.larg, nullBecause ?? leftNull, cteNames, out);
      collect(fields.rarg, nullBecause ?? rightNull, cteNames, out);
      if (fields.alias?.aliasname) {
        // Columns qualified by the join's alias are not attributed to a table: the caller treats
        // unknown qualifiers as nullable, which is always sound.
        out.push({ refName: fields.alias.aliasname as string, label: `join ${fields.alias.aliasname}` });
      }
      return;
    }
    case 'RangeSubselect':
    case 'RangeFunction':
    case 'RangeTableFunc':
    case 'RangeTableSample': {
      const alias = (fields.alias?.aliasname as string | undefined) ?? '';
      out.push(withNull({ refName: alias, label: `${type === 'RangeSubselect' ? 'subquery' : 'function'} ${alias}`.trim() }, nullBecause));
      return;
    }
    default:
      out.push(withNull({ refName: '', label: type }, nullBecause));
  }
}

function withNull(entry: RangeEntry, because: string | undefined): RangeEntry {
  return because ? { ...entry, nullExtendedBecause: because } : entry;
}

function joinWord(kind: string): string {
  return kind === 'JOIN_LEFT' ? 'LEFT JOIN' : kind === 'JOIN_RIGHT' ? 'RIGHT JOIN' : 'FULL JOIN';
}

/** A short text for the join's right-hand item, used in reasons ("right side of LEFT JOIN devices d"). */
function describeSide(node: AstNode, cteNames: ReadonlySet<string>): string {
  const unwrapped = unwrap(node);
  if (!unwrapped) return '?';
  const [type, fields] = unwrapped;
  if (type === 'RangeVar') return entryFromRangeVar(fields, cteNames).label;
  if (type === 'JoinExpr') return `(${describeSide(fields.larg, cteNames)} … ${describeSide(fields.rarg, cteNames)})`;
  const alias = fields.alias?.aliasname as string | undefined;
  return type === 'RangeSubselect' ? `subquery ${alias ?? ''}`.trim() : `${alias ?? type}`;
}

export function cteNamesOf(withClause: AstNode | undefined): Set<string> {
  const names = new Set<string>();
  for (const cte of (withClause?.ctes as AstNode[] | undefined) ?? []) {
    const name = cte.CommonTableExpr?.ctename as string | undefined;
    if (name) names.add(name);
  }
  return names;
}
