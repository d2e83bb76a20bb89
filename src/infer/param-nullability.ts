/**
 * Parameter nullability and names, inferred from how each `$n` is used:
 * - compared with `=`, `<`, `LIKE`, `IN`, `ANY`… → required non-null (NULL would never match);
 * - inserted into or assigned to a NOT NULL column → non-null (NULL would fail);
 * - a COALESCE argument, `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM`, or assigned to a nullable
 *   column → accepts NULL, and that wins (`:p IS NULL OR col = :p` is an optional filter);
 * - anything else → accepts NULL.
 * Positional parameters are named after the column they meet (`WHERE email = $1` → `email`).
 */
import type { RelationCatalog } from '../database/relation-catalog.js';
import { relationKey } from '../database/relation-catalog.js';
import { stringValue, unwrap, type AstNode } from './ast.js';
import { NULL_REJECTING_OPERATORS } from './engine/function-rules.js';

export interface ParamUse {
  nullable: boolean;
  /** A name suggested by the context, for positional parameters. */
  suggestedName?: string;
}

export function inferParams(stmt: AstNode, count: number, relations: RelationCatalog): ParamUse[] {
  const requires = new Set<number>();
  const accepts = new Set<number>();
  const names = new Map<number, string>();
  const suggest = (n: number, name: string | undefined) => {
    if (name && !names.has(n)) names.set(n, name);
  };

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const [type, n] = unwrap(node as AstNode) ?? [];
    if (type && n) {
      switch (type) {
        case 'A_Expr': {
          const op = stringValue((n.name as AstNode[]).at(-1));
          const comparison =
            (n.kind === 'AEXPR_OP' && op !== undefined && NULL_REJECTING_OPERATORS.has(op)) ||
            ['AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_SIMILAR', 'AEXPR_IN', 'AEXPR_OP_ANY', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM', 'AEXPR_NOT_BETWEEN_SYM'].includes(n.kind as string);
          const nullSafe = n.kind === 'AEXPR_DISTINCT' || n.kind === 'AEXPR_NOT_DISTINCT';
          const operands = [n.lexpr, ...((n.rexpr?.List?.items as AstNode[] | undefined) ?? [n.rexpr])];
          const other = (i: number) => columnName(operands[i === 0 ? 1 : 0]);
          operands.forEach((operand, i) => {
            const p = paramNumber(operand);
            if (p === undefined) return;
            if (nullSafe) accepts.add(p);
            else if (comparison) requires.add(p);
            suggest(p, other(i));
          });
          break;
        }
        case 'CoalesceExpr':
        case 'MinMaxExpr':
          for (const arg of n.args as AstNode[]) {
            const p = paramNumber(arg);
            if (p !== undefined) accepts.add(p);
          }
          break;
        case 'NullTest': {
          const p = paramNumber(n.arg);
          if (p !== undefined) accepts.add(p);
          break;
        }
        case 'InsertStmt':
          insertTargets(n, relations).forEach(({ param, column, notNull }) => {
            (notNull ? requires : accepts).add(param);
            suggest(param, column);
          });
          break;
        case 'UpdateStmt':
          assignments(n.targetList, n.relation, relations).forEach(({ param, column, notNull }) => {
            (notNull ? requires : accepts).add(param);
            suggest(param, column);
          });
          break;
        case 'OnConflictClause':
          break;
      }
      // ON CONFLICT DO UPDATE SET col = :p assigns to the INSERT's table.
      if (type === 'InsertStmt' && n.onConflictClause?.targetList) {
        assignments(n.onConflictClause.targetList, n.relation, relations).forEach(({ param, column, notNull }) => {
          (notNull ? requires : accepts).add(param);
          suggest(param, column);
        });
      }
    }
    for (const value of Object.values(node as object)) if (value && typeof value === 'object') visit(value);
  };
  visit(stmt);

  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const name = names.get(n);
    return { nullable: accepts.has(n) || !requires.has(n), ...(name ? { suggestedName: name } : {}) };
  });
}

function paramNumber(node: AstNode | undefined): number | undefined {
  let current = node;
  while (current?.TypeCast) current = current.TypeCast.arg as AstNode;
  return current?.ParamRef?.number as number | undefined;
}

function columnName(node: AstNode | undefined): string | undefined {
  let current = node;
  while (current?.TypeCast) current = current.TypeCast.arg as AstNode;
  const fields = current?.ColumnRef?.fields as AstNode[] | undefined;
  return fields ? stringValue(fields.at(-1)) : undefined;
}

interface Assignment {
  param: number;
  column: string;
  notNull: boolean;
}

function columnNotNull(relation: AstNode, column: string, relations: RelationCatalog): boolean {
  const facts = relations.relations.get(relationKey(relation.schemaname as string | undefined, relation.relname as string));
  return facts?.columns.find((c) => c.name === column)?.notNull ?? false;
}

function insertTargets(n: AstNode, relations: RelationCatalog): Assignment[] {
  const cols = ((n.cols as AstNode[] | undefined) ?? []).map((c) => c.ResTarget?.name as string);
  const rows = (n.selectStmt?.SelectStmt?.valuesLists as AstNode[] | undefined) ?? [];
  const out: Assignment[] = [];
  let names = cols;
  if (names.length === 0) {
    const facts = relations.relations.get(relationKey(n.relation.schemaname, n.relation.relname));
    names = facts?.columns.map((c) => c.name) ?? [];
  }
  for (const row of rows) {
    (row.List.items as AstNode[]).forEach((item, i) => {
      const param = paramNumber(item);
      const column = names[i];
      if (param !== undefined && column) out.push({ param, column, notNull: columnNotNull(n.relation, column, relations) });
    });
  }
  return out;
}

function assignments(targetList: AstNode[] | undefined, relation: AstNode, relations: RelationCatalog): Assignment[] {
  const out: Assignment[] = [];
  for (const t of targetList ?? []) {
    const column = t.ResTarget?.name as string | undefined;
    const param = paramNumber(t.ResTarget?.val);
    if (column && param !== undefined) out.push({ param, column, notNull: columnNotNull(relation, column, relations) });
  }
  return out;
}
