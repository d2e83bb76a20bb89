/**
 * Which table column each `$n` is stored into: `INSERT INTO t (a, b) VALUES ($1, $2)`, the
 * compiled bulk form `INSERT INTO t (a, b) SELECT * FROM unnest($1::…[], $2::…[])`, `UPDATE t
 * SET a = $1` and `ON CONFLICT DO UPDATE SET a = $1`, anywhere in the statement (CTEs included).
 * Used for the element nullability of bulk inserts and for column type overrides, which thereby
 * apply to the parameters feeding that column too.
 */
import type { RelationCatalog } from '../database/relation-catalog.js';
import { relationKey } from '../database/relation-catalog.js';
import { stringValue, unwrap, type AstNode } from './ast.js';

export interface ParamTarget {
  /** Schema-qualified outside public/pg_catalog, like a column's origin. */
  table: string;
  column: string;
  notNull: boolean;
}

export function paramTargets(stmt: AstNode, relations: RelationCatalog): Map<number, ParamTarget> {
  const targets = new Map<number, ParamTarget>();
  const add = (relation: AstNode, column: string | undefined, node: AstNode | undefined): void => {
    const param = paramNumber(node);
    if (param === undefined || column === undefined || targets.has(param)) return;
    const facts = relations.relations.get(relationKey(relation.schemaname as string | undefined, relation.relname as string));
    const table = facts
      ? facts.schema === 'public' || facts.schema === 'pg_catalog' ? facts.name : `${facts.schema}.${facts.name}`
      : [relation.schemaname, relation.relname].filter(Boolean).join('.');
    targets.set(param, { table, column, notNull: facts?.columns.find((c) => c.name === column)?.notNull ?? false });
  };

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const [type, n] = unwrap(node as AstNode) ?? [];
    if (type === 'InsertStmt' && n) {
      let columns = ((n.cols as AstNode[] | undefined) ?? []).map((c) => c.ResTarget?.name as string);
      if (columns.length === 0) {
        const facts = relations.relations.get(relationKey(n.relation.schemaname, n.relation.relname));
        columns = facts?.columns.map((c) => c.name) ?? [];
      }
      const select = n.selectStmt?.SelectStmt as AstNode | undefined;
      for (const row of (select?.valuesLists as AstNode[] | undefined) ?? []) {
        (row.List.items as AstNode[]).forEach((item, i) => add(n.relation, columns[i], item));
      }
      unnestArguments(select)?.forEach((arg, i) => add(n.relation, columns[i], arg));
      for (const t of (n.onConflictClause?.targetList as AstNode[] | undefined) ?? []) add(n.relation, t.ResTarget?.name, t.ResTarget?.val);
    }
    if (type === 'UpdateStmt' && n) {
      for (const t of (n.targetList as AstNode[] | undefined) ?? []) add(n.relation, t.ResTarget?.name, t.ResTarget?.val);
    }
    for (const value of Object.values(node as object)) if (value && typeof value === 'object') visit(value);
  };
  visit(stmt);
  return targets;
}

/** The arguments of `SELECT * FROM unnest(a, b, …)`, the compiled form of a bulk insert. */
function unnestArguments(select: AstNode | undefined): AstNode[] | undefined {
  if (!select || select.targetList?.length !== 1 || !select.targetList[0].ResTarget?.val?.ColumnRef?.fields?.[0]?.A_Star) return undefined;
  const from = select.fromClause as AstNode[] | undefined;
  if (from?.length !== 1) return undefined;
  const call = from[0]!.RangeFunction?.functions?.[0]?.List?.items?.[0]?.FuncCall as AstNode | undefined;
  const name = (call?.funcname as AstNode[] | undefined)?.map(stringValue);
  if (!call || name?.at(-1) !== 'unnest' || (name.length === 2 && name[0] !== 'pg_catalog')) return undefined;
  return call.args as AstNode[];
}

function paramNumber(node: AstNode | undefined): number | undefined {
  let current = node;
  while (current?.TypeCast) current = current.TypeCast.arg as AstNode;
  return current?.ParamRef?.number as number | undefined;
}
