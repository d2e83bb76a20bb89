/**
 * Column references that a condition proves non-null when it is true: operands of comparisons
 * and pattern matches, `IS NOT NULL`, `NOT (… IS NULL)`, `IS TRUE`, `IS FALSE`, boolean columns and
 * `NOT column` — in top-level AND-ed conjuncts. `IS NOT FALSE`, `IS NOT TRUE` and `IS UNKNOWN` are
 * true for NULL and prove nothing.
 * An OR proves nothing about either side.
 */
import { stringValue, unwrap, type AstNode } from '../ast.js';
import { NULL_REJECTING_OPERATORS } from './function-rules.js';

/** Whether every operator of that name is built in and strict (a user-defined `=` may not be). */
export type StrictOperator = (name: string) => boolean;

export function nullRejectedColumns(condition: AstNode | undefined, strict: StrictOperator): AstNode[] {
  const out: AstNode[] = [];
  collect(condition, out, strict);
  return out;
}

function collect(node: AstNode | undefined, out: AstNode[], strict: StrictOperator): void {
  const [type, n] = unwrap(node) ?? [];
  if (!type || !n) return;
  switch (type) {
    case 'BoolExpr':
      if (n.boolop === 'AND_EXPR') for (const arg of n.args as AstNode[]) collect(arg, out, strict);
      // NOT (x IS NULL) is x IS NOT NULL; NOT x is true only for a non-null boolean x.
      if (n.boolop === 'NOT_EXPR') {
        const arg = (n.args as AstNode[])[0];
        if (arg?.NullTest?.nulltesttype === 'IS_NULL') pushRef(arg.NullTest.arg, out);
        else pushRef(arg, out);
      }
      return;
    case 'ColumnRef':
      out.push(n);
      return;
    case 'NullTest':
      if (n.nulltesttype === 'IS_NOT_NULL') pushRef(n.arg, out);
      return;
    case 'BooleanTest':
      if (n.booltesttype === 'IS_TRUE' || n.booltesttype === 'IS_FALSE') pushRef(n.arg, out);
      return;
    case 'A_Expr': {
      const name = stringValue((n.name as AstNode[])[(n.name as AstNode[]).length - 1]);
      // BETWEEN is named BETWEEN in the AST but runs >= and <=.
      const between = n.kind === 'AEXPR_BETWEEN' || n.kind === 'AEXPR_BETWEEN_SYM';
      if (!name || !(between ? strict('>=') && strict('<=') : strict(name))) return;
      switch (n.kind) {
        case 'AEXPR_OP':
          if (name && NULL_REJECTING_OPERATORS.has(name)) {
            pushRef(n.lexpr, out);
            pushRef(n.rexpr, out);
          }
          return;
        case 'AEXPR_LIKE':
        case 'AEXPR_ILIKE':
        case 'AEXPR_SIMILAR':
          pushRef(n.lexpr, out);
          pushRef(n.rexpr, out);
          return;
        case 'AEXPR_IN':
        case 'AEXPR_OP_ANY':
          // x [NOT] IN (…), x op ANY (…): NULL for a NULL x (false at best for an empty array).
          // (x op ALL (empty array) is true even for a NULL x, so ALL proves nothing.)
          pushRef(n.lexpr, out);
          return;
        case 'AEXPR_BETWEEN':
        case 'AEXPR_BETWEEN_SYM':
          pushRef(n.lexpr, out);
          for (const bound of (n.rexpr?.List?.items as AstNode[] | undefined) ?? []) pushRef(bound, out);
          return;
      }
      return;
    }
  }
}

/** A column reference, possibly behind casts (a cast of NULL is NULL). */
function pushRef(node: AstNode | undefined, out: AstNode[]): void {
  let current = node;
  while (current?.TypeCast) current = current.TypeCast.arg as AstNode;
  if (current?.ColumnRef) out.push(current.ColumnRef as AstNode);
}
