/**
 * FROM items → range entries: tables, views, CTEs, subqueries, functions, and joins with their
 * null-extension, USING/NATURAL merged columns and ON-clause narrowing.
 */
import { stringValue, unwrap, type AstNode } from '../ast.js';
import type { QueryAnalyzer, Scope } from './analyze-query.js';
import { nullRejectedColumns } from './narrowing.js';
import {
  entryColumnSources, narrow, NON_NULL, nullable, resolveIn, sourceEntries, sourceName, sourceVerdict,
  type ColumnSource, type FromResult, type ScopeEntry, type Verdict,
} from './scope.js';

/** Output columns of an analysed query: name and nullability. */
export interface OutputColumn {
  name: string;
  verdict: Verdict;
}

export function emptyFrom(): FromResult {
  return { entries: [], star: [], merged: new Map(), joinAliases: new Map() };
}

/** Processes a FROM list (comma-separated items are cross joins) into one result. */
export function fromList(items: AstNode[] | undefined, analyzer: QueryAnalyzer, outer: Scope | undefined): FromResult {
  const result = emptyFrom();
  for (const item of items ?? []) {
    // LATERAL items see the items before them.
    const part = fromItem(item, analyzer, { from: result, parent: outer });
    append(result, part);
  }
  return result;
}

function append(into: FromResult, part: FromResult): void {
  into.entries.push(...part.entries);
  into.star.push(...part.star);
  for (const [k, v] of part.merged) into.merged.set(k, v);
  for (const [k, v] of part.joinAliases) into.joinAliases.set(k, v);
}

function single(entry: ScopeEntry): FromResult {
  return { entries: [entry], star: entryColumnSources(entry), merged: new Map(), joinAliases: new Map() };
}

export function fromItem(node: AstNode, analyzer: QueryAnalyzer, scope: Scope): FromResult {
  const [type, n] = unwrap(node) ?? [];
  if (!type || !n) return emptyFrom();
  const alias = n.alias?.aliasname as string | undefined;
  const colnames = ((n.alias?.colnames as AstNode[] | undefined) ?? []).map((c) => stringValue(c) ?? '');
  switch (type) {
    case 'RangeVar':
      return single(renameColumns(analyzer.relationEntry(n, scope), colnames));
    case 'RangeSubselect': {
      const columns = analyzer.analyzeQuery(n.subquery, scope);
      const label = `subquery ${alias ?? ''}`.trim();
      return single(renameColumns(entryFromOutput(alias, label, columns), colnames));
    }
    case 'RangeFunction':
      return single(renameColumns(functionEntry(n, alias, analyzer, scope), colnames));
    case 'JoinExpr':
      return joinResult(n, analyzer, scope);
    default:
      return single({ refName: alias, label: alias ?? type.toLowerCase() });
  }
}

export function entryFromOutput(refName: string | undefined, label: string, columns: OutputColumn[] | undefined): ScopeEntry {
  return {
    ...(refName !== undefined ? { refName } : {}),
    label,
    ...(columns
      ? {
          columns: columns.map((c) => ({
            name: c.name,
            base: c.verdict.nullable ? nullable(`${label}.${c.name}: ${c.verdict.because}`) : NON_NULL,
          })),
        }
      : {}),
  };
}

function renameColumns(entry: ScopeEntry, names: string[]): ScopeEntry {
  if (names.length === 0 || !entry.columns) return entry;
  return { ...entry, columns: entry.columns.map((c, i) => (i < names.length ? { ...c, name: names[i]! } : c)) };
}

/** Set-returning functions in FROM, for the ones whose output is known. */
function functionEntry(n: AstNode, alias: string | undefined, analyzer: QueryAnalyzer, scope: Scope): ScopeEntry {
  const calls = ((n.functions as AstNode[]) ?? []).map((f) => (f.List?.items as AstNode[] | undefined)?.[0]?.FuncCall).filter(Boolean) as AstNode[];
  if (calls.length !== 1) return { ...(alias ? { refName: alias } : {}), label: `function ${alias ?? ''}`.trim() };
  const call = calls[0]!;
  const parts = call.funcname as AstNode[];
  const name = stringValue(parts[parts.length - 1]) ?? '?';
  const args = (call.args as AstNode[] | undefined) ?? [];
  const label = alias ?? name;
  const argsNonNull = args.every((a) => !analyzer.expression(a, scope).nullable);
  const fromArgs = argsNonNull ? NON_NULL : nullable(`${name}() of a NULL argument`);
  let columns: Array<{ name: string; base: Verdict }> | undefined;
  switch (name) {
    case 'generate_series':
    case 'generate_subscripts':
    case 'jsonb_array_elements':
    case 'json_array_elements':
    case 'jsonb_object_keys':
    case 'json_object_keys':
      columns = [{ name: alias ?? name, base: fromArgs }];
      break;
    case 'jsonb_array_elements_text':
    case 'json_array_elements_text':
      columns = [{ name: 'value', base: nullable(`${name}() yields NULL for JSON null elements`) }];
      break;
    case 'unnest':
      columns = args.map(() => ({ name: alias ?? 'unnest', base: nullable('unnest() element may be NULL') }));
      break;
    case 'jsonb_each':
    case 'json_each':
      columns = [{ name: 'key', base: fromArgs }, { name: 'value', base: fromArgs }];
      break;
    case 'jsonb_each_text':
    case 'json_each_text':
      columns = [{ name: 'key', base: fromArgs }, { name: 'value', base: nullable(`${name}() yields NULL for JSON null values`) }];
      break;
  }
  if (columns && n.ordinality) columns.push({ name: 'ordinality', base: NON_NULL });
  return { refName: label, label: `function ${label}`, ...(columns ? { columns } : {}) };
}

function joinResult(n: AstNode, analyzer: QueryAnalyzer, scope: Scope): FromResult {
  const left = fromItem(n.larg, analyzer, scope);
  const right = fromItem(n.rarg, analyzer, { from: mergeFrom(scope.from, left), parent: scope.parent });
  const kind = n.jointype as string;
  const combined = emptyFrom();
  append(combined, left);
  append(combined, right);

  // USING / NATURAL: the shared columns merge into one, shown first by `*`.
  const usingNames: string[] = n.isNatural
    ? left.star.map(sourceName).filter((name) => right.star.some((r) => sourceName(r) === name))
    : ((n.usingClause as AstNode[] | undefined) ?? []).map((u) => stringValue(u) ?? '');
  const mergedSources: ColumnSource[] = [];
  for (const name of usingNames) {
    const l = resolveIn(left, undefined, name);
    const r = resolveIn(right, undefined, name);
    if (!l || !r) continue;
    const merged = kind === 'JOIN_FULL' ? fullJoinMerged(name, l, r, combined) : ({ kind: 'merged', name, mode: kind === 'JOIN_LEFT' ? 'left' : kind === 'JOIN_RIGHT' ? 'right' : 'both', left: l, right: r } as const);
    mergedSources.push(merged);
    combined.merged.set(name, merged);
  }
  if (mergedSources.length > 0) {
    combined.star = [...mergedSources, ...left.star.filter((c) => !usingNames.includes(sourceName(c))), ...right.star.filter((c) => !usingNames.includes(sourceName(c)))];
  }

  // A null-rejecting ON condition proves the columns it tests non-null in matched rows; for an
  // inner join every output row is matched, for an outer join only the optional side's rows.
  const inner = kind === 'JOIN_INNER';
  const narrowable = inner ? combined.entries : kind === 'JOIN_LEFT' ? right.entries : kind === 'JOIN_RIGHT' ? left.entries : [];
  if (n.quals && narrowable.length > 0) {
    const onScope: Scope = { from: combined, parent: scope.parent };
    for (const ref of nullRejectedColumns(n.quals, analyzer.strictOperator)) {
      const source = analyzer.resolveColumn(ref, onScope);
      if (source && sourceEntries(source).every((e) => narrowable.includes(e))) narrow(source, true);
    }
  }
  for (const entry of kind === 'JOIN_LEFT' || kind === 'JOIN_FULL' ? right.entries : []) {
    entry.extendedBecause ??= `right side of ${joinWord(kind)} ${sideLabel(right)}`;
  }
  for (const entry of kind === 'JOIN_RIGHT' || kind === 'JOIN_FULL' ? left.entries : []) {
    entry.extendedBecause ??= `left side of ${joinWord(kind)} ${sideLabel(left)}`;
  }

  // `JOIN … USING (k) AS j` (PostgreSQL 14+): j exposes the merged columns only.
  const usingAlias = n.join_using_alias?.aliasname as string | undefined;
  if (usingAlias) combined.joinAliases.set(usingAlias, mergedSources);

  const joinAlias = n.alias?.aliasname as string | undefined;
  if (joinAlias) {
    const names = ((n.alias?.colnames as AstNode[] | undefined) ?? []).map((c) => stringValue(c) ?? '');
    combined.joinAliases.set(joinAlias, combined.star.map((s, i) => (i < names.length ? renameSource(s, names[i]!) : s)));
  }
  return combined;
}

/**
 * The merged column of a FULL JOIN USING is COALESCE(l.k, r.k): NULL only when the side that is
 * present holds NULL there, so it is non-null exactly when both keys are, judged before this join
 * null-extends either side. It becomes an entry of its own so that outer joins above still
 * null-extend it (and a null-rejecting condition on it can narrow it).
 */
function fullJoinMerged(name: string, l: ColumnSource, r: ColumnSource, into: FromResult): ColumnSource {
  const lv = sourceVerdict(l);
  const rv = sourceVerdict(r);
  const base = lv.nullable ? nullable(`FULL JOIN USING (${name}): ${lv.because}`) : rv.nullable ? nullable(`FULL JOIN USING (${name}): ${rv.because}`) : NON_NULL;
  const entry: ScopeEntry = { label: `merged ${name}`, synthetic: true, columns: [{ name, base }] };
  into.entries.push(entry);
  return { kind: 'entry', entry, column: entry.columns![0]! };
}

/** A column seen under another name (a join alias's column list): same nullability. */
function renameSource(source: ColumnSource, name: string): ColumnSource {
  return { kind: 'merged', name, mode: 'left', left: source, right: source };
}

function mergeFrom(a: FromResult, b: FromResult): FromResult {
  const out = emptyFrom();
  append(out, a);
  append(out, b);
  return out;
}

function joinWord(kind: string): string {
  return kind === 'JOIN_LEFT' ? 'LEFT JOIN' : kind === 'JOIN_RIGHT' ? 'RIGHT JOIN' : 'FULL JOIN';
}

function sideLabel(side: FromResult): string {
  const entries = side.entries.filter((e) => !e.synthetic);
  return entries.length === 1 ? entries[0]!.label : `(${entries.map((e) => e.label).join(', ')})`;
}
