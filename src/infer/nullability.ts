/**
 * Result-column nullability for a described statement: the engine's analysis of the AST, lined
 * up with the columns PostgreSQL described. Anything the engine cannot line up is nullable.
 */
import type { RelationCatalog } from '../database/relation-catalog.js';
import type { DescribedField } from '../database/wire-session.js';
import type { AstNode } from './ast.js';
import { QueryAnalyzer } from './engine/analyze-query.js';

export interface ColumnNullability {
  nullable: boolean;
  because?: string;
}

export function inferColumnNullability(
  stmt: AstNode,
  fields: readonly DescribedField[],
  relations: RelationCatalog,
  paramMarks: ReadonlyMap<number, string | null>,
): ColumnNullability[] {
  const output = new QueryAnalyzer(relations, paramMarks).analyzeQuery(stmt, undefined);
  if (!output || output.length !== fields.length) {
    return fields.map(() => ({ nullable: true, because: 'result columns could not be matched to the analysis' }));
  }
  return output.map((c) => (c.verdict.nullable ? { nullable: true, because: c.verdict.because ?? 'expression' } : { nullable: false }));
}

/** RETURNING targets (PostgreSQL 18 moved them into `returningClause.exprs`). */
export function returning(s: AstNode): AstNode[] {
  return (s.returningClause?.exprs ?? s.returningList ?? []) as AstNode[];
}
