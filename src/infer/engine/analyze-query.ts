/**
 * The nullability engine: analyses a statement's AST level by level (CTEs, FROM, WHERE, target
 * list, set operations, RETURNING) against catalog facts, independently of the planner. A column
 * is non-null only when a rule proves it.
 */
import type { RelationCatalog } from '../../database/relation-catalog.js';
import { relationKey } from '../../database/relation-catalog.js';
import { parseSql } from '../../source/sql-scanner.js';
import { stringValue, unwrap, type AstNode } from '../ast.js';
import { figureColumnName } from './column-names.js';
import { expressionVerdict, type ExpressionContext } from './expression.js';
import { emptyFrom, entryFromOutput, fromList, type OutputColumn } from './from-clause.js';
import { nullRejectedColumns } from './narrowing.js';
import {
  entryColumnSources, narrow, NON_NULL, nullable, resolveIn, sourceVerdict,
  type ColumnSource, type FromResult, type ScopeEntry, type Verdict,
} from './scope.js';

export interface Scope {
  from: FromResult;
  parent: Scope | undefined;
  /** CTEs visible here, by name. */
  ctes?: Map<string, { columns: OutputColumn[] | undefined }>;
  grouping?: ExpressionContext['grouping'];
  /** With grouping sets: plain GROUP BY items, which are in every grouping set (never NULLed). */
  inEverySet?: AstNode[];
  /** The target list holds exactly one set-returning call (no other SRF pads its output with NULLs). */
  soleSrf?: boolean;
}

const MAX_VIEW_DEPTH = 8;

export class QueryAnalyzer {
  readonly #catalog: RelationCatalog;
  readonly #paramMarks: ReadonlyMap<number, string | null>;
  readonly #views = new Map<number, OutputColumn[] | undefined>();
  #viewDepth = 0;
  #updating: AstNode | undefined;

  constructor(catalog: RelationCatalog, paramMarks: ReadonlyMap<number, string | null>) {
    this.#catalog = catalog;
    this.#paramMarks = paramMarks;
  }

  /** Output columns of a SELECT / VALUES / set operation / DML-with-RETURNING, or undefined. */
  analyzeQuery(node: AstNode | undefined, outer: Scope | undefined): OutputColumn[] | undefined {
    const [type, s] = unwrap(node) ?? [];
    if (!type || !s) return undefined;
    const scope: Scope = { from: emptyFrom(), parent: outer, ctes: this.#withCtes(s.withClause, outer) };
    switch (type) {
      case 'SelectStmt':
        return this.#select(s, scope);
      case 'InsertStmt':
        return this.#dml(s, scope, [], undefined);
      case 'UpdateStmt':
        this.#updating = s;
        return this.#dml(s, scope, s.fromClause, s.whereClause);
      case 'DeleteStmt':
        return this.#dml(s, scope, s.usingClause, s.whereClause);
      default:
        return undefined;
    }
  }

  /** Operators whose every overload is built in and strict reject NULL operands. */
  readonly strictOperator = (name: string): boolean => {
    const facts = this.#catalog.operators.get(name);
    return !!facts && facts.allStrict && facts.allBuiltIn;
  };

  expression(node: AstNode | undefined, scope: Scope, inAggregate = false): Verdict {
    return expressionVerdict(node, this.#context(scope), inAggregate);
  }

  resolveColumn(ref: AstNode, scope: Scope): ColumnSource | undefined {
    const fields = ref.fields as AstNode[];
    const name = stringValue(fields[fields.length - 1]);
    const qualifier = fields.length >= 2 ? stringValue(fields[fields.length - 2]) : undefined;
    return name ? this.#resolve(scope, qualifier, name) : undefined;
  }

  /** A table, view, CTE reference or unknown relation as a range entry. */
  relationEntry(rv: AstNode, scope: Scope): ScopeEntry {
    const name = rv.relname as string;
    const schema = rv.schemaname as string | undefined;
    const alias = rv.alias?.aliasname as string | undefined;
    const refName = alias ?? name;
    const cte = schema ? undefined : findCte(scope, name);
    if (cte) return entryFromOutput(refName, `CTE ${name}`, cte.columns);
    const facts = this.#catalog.relations.get(relationKey(schema, name));
    const label = alias ? `${name} ${alias}` : name;
    if (!facts) return { refName, label };
    if (facts.relkind === 'v' || facts.relkind === 'm') {
      const output = this.#view(facts.oid, facts.viewDefinition);
      const columns = output && output.length === facts.columns.length ? output : undefined;
      return {
        refName,
        label,
        columns: facts.columns.map((c, i) => {
          const v = columns?.[i]?.verdict;
          return { name: c.name, base: v && !v.nullable ? NON_NULL : nullable(`view column ${facts.name}.${c.name}: ${v?.because ?? 'not analysed'}`) };
        }),
      };
    }
    return {
      refName,
      label,
      columns: facts.columns.map((c) => ({
        name: c.name,
        base: c.notNull ? NON_NULL : nullable(`column ${facts.name}.${c.name} allows NULL`),
        textLike: c.textLike,
      })),
    };
  }

  #view(oid: number, definition: string | undefined): OutputColumn[] | undefined {
    if (this.#views.has(oid)) return this.#views.get(oid);
    this.#views.set(oid, undefined); // a view that (indirectly) refers to itself stays unanalysed
    if (!definition || this.#viewDepth >= MAX_VIEW_DEPTH) return undefined;
    const parsed = parseSql(definition);
    if (!parsed.ok || parsed.result.stmts?.length !== 1) return undefined;
    this.#viewDepth++;
    try {
      const output = this.analyzeQuery(parsed.result.stmts[0]!.stmt as AstNode, undefined);
      this.#views.set(oid, output);
      return output;
    } finally {
      this.#viewDepth--;
    }
  }

  #withCtes(withClause: AstNode | undefined, outer: Scope | undefined): Scope['ctes'] {
    const ctes = new Map(findAllCtes(outer));
    for (const item of (withClause?.ctes as AstNode[] | undefined) ?? []) {
      const cte = item.CommonTableExpr as AstNode;
      const name = cte.ctename as string;
      const aliasNames = ((cte.aliascolnames as AstNode[] | undefined) ?? []).map((c) => stringValue(c) ?? '');
      const rename = (cols: OutputColumn[] | undefined) => cols?.map((c, i) => (i < aliasNames.length ? { ...c, name: aliasNames[i]! } : c));
      const query = cte.ctequery as AstNode;
      const scopeFor = (): Scope => ({ from: emptyFrom(), parent: outer, ctes });
      const setOp = query.SelectStmt && query.SelectStmt.op !== 'SETOP_NONE' ? query.SelectStmt : undefined;
      if (withClause?.recursive && setOp) {
        // Recursive: start from the non-recursive arm, then widen until the verdicts are stable.
        // Widening only turns columns nullable, so each round that changes anything turns at least
        // one more: one round per column, plus the one that finds nothing left to change, reaches the
        // fixed point (a fixed number of rounds did not: NULL handed on one column per step).
        let columns = rename(this.analyzeQuery(asSelect(setOp.larg), scopeFor()));
        for (let i = 0; columns && i <= columns.length; i++) {
          ctes.set(name, { columns });
          const next = rename(this.analyzeQuery(asSelect(setOp.rarg), scopeFor()));
          const merged = combine(columns, next, 'recursive arm');
          if (merged && merged.every((c, k) => c.verdict.nullable === columns![k]!.verdict.nullable)) break;
          columns = merged;
        }
        ctes.set(name, { columns });
      } else {
        ctes.set(name, { columns: rename(this.analyzeQuery(query, scopeFor())) });
      }
    }
    return ctes;
  }

  #select(s: AstNode, scope: Scope): OutputColumn[] | undefined {
    if (s.op && s.op !== 'SETOP_NONE') {
      const left = this.analyzeQuery(asSelect(s.larg), scope);
      // EXCEPT keeps only left rows; INTERSECT only rows present (NULLs equal) in both arms.
      if (s.op === 'SETOP_EXCEPT') return left;
      const right = this.analyzeQuery(asSelect(s.rarg), scope);
      if (s.op === 'SETOP_INTERSECT') return left && right && left.length === right.length
        ? left.map((c, i) => ({ name: c.name, verdict: c.verdict.nullable && right[i]!.verdict.nullable ? c.verdict : NON_NULL }))
        : undefined;
      return combine(left, right, `${String(s.op).replace('SETOP_', '')} arm`);
    }
    if (s.valuesLists) {
      const rows = (s.valuesLists as AstNode[]).map((l) => (l.List.items as AstNode[]).map((e) => this.expression(e, scope)));
      return rows[0]?.map((_, i) => ({
        name: `column${i + 1}`,
        verdict: rows.map((r) => r[i]!).find((v) => v.nullable) ?? NON_NULL,
      }));
    }
    const from = fromList(s.fromClause, this, scope);
    const level: Scope = {
      ...scope,
      from,
      grouping: groupingOf(s.groupClause),
      inEverySet: ((s.groupClause as AstNode[] | undefined) ?? []).filter((g) => g.ColumnRef),
      soleSrf: this.#countSrfs([s.targetList, s.sortClause, s.distinctClause, s.groupClause]) === 1,
    };
    for (const ref of nullRejectedColumns(s.whereClause, this.strictOperator)) {
      const source = this.resolveColumn(ref, { ...level, parent: undefined });
      if (source) narrow(source, true);
    }
    return this.#targets(s.targetList, level);
  }

  #dml(s: AstNode, scope: Scope, fromItems: AstNode[] | undefined, where: AstNode | undefined): OutputColumn[] | undefined {
    const targets = (s.returningClause?.exprs ?? s.returningList) as AstNode[] | undefined;
    if (!targets) return undefined;
    const target = this.relationEntry(s.relation, scope);
    const rest = fromList(fromItems, this, scope);
    const from: FromResult = { ...rest, entries: [target, ...rest.entries], star: [...entryColumnSources(target), ...rest.star] };
    const level: Scope = { ...scope, from, grouping: 'none' };
    for (const ref of nullRejectedColumns(where, this.strictOperator)) {
      const source = this.resolveColumn(ref, { ...level, parent: undefined });
      if (source) narrow(source, true);
    }
    // UPDATE returns the new row: what WHERE proved about the old row holds only for the columns
    // SET leaves alone, and only on a plain table without BEFORE triggers or rules (which may change
    // any column); generated columns are recomputed. (DELETE returns the old row.)
    if (s === this.#updating) {
      const facts = this.#catalog.relations.get(relationKey(s.relation.schemaname as string | undefined, s.relation.relname as string));
      const assigned = new Set(((s.targetList as AstNode[] | undefined) ?? []).map((t) => t.ResTarget?.name as string));
      const untouched = (name: string): boolean =>
        facts?.updateRewritesRows === false && !assigned.has(name) && facts.columns.some((c) => c.name === name && c.generated === false);
      for (const c of target.columns ?? []) if (!untouched(c.name)) delete c.narrowed;
    }
    return this.#targets(targets, level);
  }

  #targets(targets: AstNode[] | undefined, level: Scope): OutputColumn[] {
    const out: OutputColumn[] = [];
    for (const t of targets ?? []) {
      const target = t.ResTarget as AstNode;
      const ref = target.val?.ColumnRef as AstNode | undefined;
      const fields = ref?.fields as AstNode[] | undefined;
      if (fields && fields[fields.length - 1]?.A_Star) {
        const qualifier = fields.length >= 2 ? stringValue(fields[fields.length - 2]) : undefined;
        for (const source of this.#star(level.from, qualifier)) {
          out.push({ name: source.kind === 'entry' ? source.column.name : source.name, verdict: this.#grouped(source, level) });
        }
        continue;
      }
      out.push({ name: (target.name as string | undefined) ?? figureColumnName(target.val), verdict: this.expression(target.val, level) });
    }
    return out;
  }

  /** A `*` column under grouping sets is NULL in subtotal rows unless it is a plain GROUP BY item. */
  #grouped(source: ColumnSource, level: Scope): Verdict {
    if (level.grouping === 'sets' && !this.#context(level).inEverySet(source)) return nullable('GROUPING SETS / ROLLUP / CUBE produce NULL in subtotal rows');
    return sourceVerdict(source);
  }

  #star(from: FromResult, qualifier: string | undefined): ColumnSource[] {
    if (qualifier === undefined) return from.star;
    const alias = from.joinAliases.get(qualifier);
    if (alias) return alias;
    const entry = from.entries.find((e) => e.refName === qualifier);
    return entry ? entryColumnSources(entry) : [];
  }

  #resolve(scope: Scope | undefined, qualifier: string | undefined, name: string): ColumnSource | undefined {
    for (let s = scope; s; s = s.parent) {
      const found = resolveIn(s.from, qualifier, name);
      if (found) return found;
    }
    return undefined;
  }

  /** Set-returning function calls in these expressions, not counting those inside subqueries. */
  #countSrfs(node: unknown): number {
    if (Array.isArray(node)) return node.reduce((sum: number, x) => sum + this.#countSrfs(x), 0);
    if (!node || typeof node !== 'object') return 0;
    const n = node as AstNode;
    if (n.SubLink) return 0;
    let count = 0;
    const call = n.FuncCall as AstNode | undefined;
    if (call && this.#catalog.functions.get(stringValue((call.funcname as AstNode[]).at(-1)) ?? '')?.returnsSet !== false) count++;
    // A user-defined operator can return a set too (pseudo-names like BETWEEN have no facts and do not).
    const op = n.A_Expr as AstNode | undefined;
    if (op && this.#catalog.operators.get(stringValue((op.name as AstNode[] | undefined)?.at(-1)) ?? '')?.returnsSet === true) count++;
    for (const value of Object.values(n)) if (value && typeof value === 'object') count += this.#countSrfs(value);
    return count;
  }

  #context(scope: Scope): ExpressionContext {
    return {
      resolve: (qualifier, name) => this.#resolve(scope, qualifier, name),
      inEverySet: (source) => (scope.inEverySet ?? []).some((ref) => sameSource(this.resolveColumn(ref.ColumnRef as AstNode, scope), source)),
      soleSrf: scope.soleSrf ?? false,
      grouping: scope.grouping ?? 'none',
      catalog: this.#catalog,
      paramMarks: this.#paramMarks,
      scalarSubquery: (select) => this.#scalarSubquery(select, scope),
      isTextLike: (node) => this.#isTextLike(node, scope),
    };
  }

  #isTextLike(node: AstNode, scope: Scope): boolean {
    const current = node;
    // The outermost cast gives the type: 'empty'::int4range is a range, whatever it casts from.
    if (current?.TypeCast) {
      const names = (current.TypeCast.typeName?.names as AstNode[] | undefined)?.map((x) => stringValue(x));
      return names?.some((x) => x === 'text' || x === 'varchar' || x === 'bpchar') ?? false;
    }
    if (current?.A_Const?.sval) return true;
    if (current?.ColumnRef) {
      const source = this.resolveColumn(current.ColumnRef as AstNode, scope);
      return source?.kind === 'entry' && source.column.textLike === true;
    }
    return false;
  }

  /** `(SELECT agg(...) FROM …)` without GROUP BY, HAVING or LIMIT returns exactly one row. */
  #scalarSubquery(select: AstNode, scope: Scope): Verdict | undefined {
    const s = select.SelectStmt as AstNode | undefined;
    if (!s || (s.op && s.op !== 'SETOP_NONE') || s.groupClause || s.havingClause || s.limitCount || s.limitOffset || s.valuesLists) return undefined;
    const targets = s.targetList as AstNode[] | undefined;
    const expr = targets?.length === 1 ? (targets[0]!.ResTarget?.val as AstNode) : undefined;
    const call = expr?.FuncCall as AstNode | undefined;
    if (!call || call.over || !(call.agg_star || this.#catalog.functions.get(stringValue((call.funcname as AstNode[]).at(-1)) ?? '')?.isAggregate)) {
      return undefined;
    }
    const inner: Scope = { from: emptyFrom(), parent: scope, ctes: this.#withCtes(s.withClause, scope) };
    const from = fromList(s.fromClause, this, inner);
    return this.expression(expr, { ...inner, from, grouping: 'none' });
  }
}

function sameSource(a: ColumnSource | undefined, b: ColumnSource): boolean {
  if (!a) return false;
  if (a.kind === 'entry' && b.kind === 'entry') return a.entry === b.entry && a.column === b.column;
  return a === b;
}

/** Set-operation arms are bare SelectStmt bodies in the AST; everything else is wrapped. */
function asSelect(node: AstNode): AstNode {
  return node.SelectStmt ? node : { SelectStmt: node };
}

function groupingOf(groupClause: AstNode[] | undefined): NonNullable<Scope['grouping']> {
  if (!groupClause || groupClause.length === 0) return 'none';
  return groupClause.some((g) => unwrap(g)?.[0] === 'GroupingSet') ? 'sets' : 'groups';
}

function combine(a: OutputColumn[] | undefined, b: OutputColumn[] | undefined, what: string): OutputColumn[] | undefined {
  if (!a || !b || a.length !== b.length) return undefined;
  return a.map((c, i) => {
    const other = b[i]!.verdict;
    return { name: c.name, verdict: c.verdict.nullable ? c.verdict : other.nullable ? nullable(`${what}: ${other.because}`) : NON_NULL };
  });
}

function findCte(scope: Scope | undefined, name: string): { columns: OutputColumn[] | undefined } | undefined {
  for (let s = scope; s; s = s.parent) {
    const cte = s.ctes?.get(name);
    if (cte) return cte;
  }
  return undefined;
}

function findAllCtes(scope: Scope | undefined): Array<[string, { columns: OutputColumn[] | undefined }]> {
  const all: Array<[string, { columns: OutputColumn[] | undefined }]> = [];
  const chain: Scope[] = [];
  for (let s = scope; s; s = s.parent) chain.unshift(s);
  for (const s of chain) for (const e of s.ctes ?? []) all.push(e);
  return all;
}
