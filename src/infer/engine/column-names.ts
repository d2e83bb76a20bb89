/** The name PostgreSQL gives an unaliased target (its FigureColname rules, for the common cases). */
import { stringValue, unwrap, type AstNode } from '../ast.js';

export function figureColumnName(node: AstNode | undefined): string {
  const [type, n] = unwrap(node) ?? [];
  if (!type || !n) return '?column?';
  switch (type) {
    case 'ColumnRef': {
      const last = (n.fields as AstNode[])[n.fields.length - 1];
      return stringValue(last) ?? '?column?';
    }
    case 'FuncCall': {
      const parts = n.funcname as AstNode[];
      return stringValue(parts[parts.length - 1]) ?? '?column?';
    }
    case 'TypeCast': {
      // A name from under the casts wins; else the outermost cast's type ('a'::text::varchar is varchar).
      let arg = n.arg as AstNode | undefined;
      while (arg?.TypeCast) arg = arg.TypeCast.arg as AstNode | undefined;
      const inner = figureColumnName(arg);
      if (inner !== '?column?') return inner;
      const names = n.typeName?.names as AstNode[] | undefined;
      return (names && stringValue(names[names.length - 1])) ?? '?column?';
    }
    case 'CollateClause':
      return figureColumnName(n.arg);
    case 'A_Indirection': {
      // The last field name, subscripts after it ignored: (t).arr[1] is arr.
      const fields = (n.indirection as AstNode[]).map((i) => stringValue(i)).filter((f) => f !== undefined);
      return fields.at(-1) ?? figureColumnName(n.arg);
    }
    case 'CaseExpr':
      return 'case';
    case 'CoalesceExpr':
      return 'coalesce';
    case 'MinMaxExpr':
      return n.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'A_ArrayExpr':
      return 'array';
    case 'RowExpr':
      return 'row';
    case 'GroupingFunc':
      return 'grouping';
    case 'A_Expr':
      return n.kind === 'AEXPR_NULLIF' ? 'nullif' : '?column?';
    case 'SubLink':
      if (n.subLinkType === 'EXISTS_SUBLINK') return 'exists';
      if (n.subLinkType === 'ARRAY_SUBLINK') return 'array';
      if (n.subLinkType === 'EXPR_SUBLINK') {
        const target = n.subselect?.SelectStmt?.targetList?.[0]?.ResTarget;
        return target?.name ?? figureColumnName(target?.val);
      }
      return '?column?';
    case 'SQLValueFunction':
      return String(n.op).replace(/^SVFOP_/, '').toLowerCase().replace(/_n$/, '');
    default:
      return '?column?';
  }
}
