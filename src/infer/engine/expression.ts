/** Nullability of one expression, given how its column references resolve. */
import type { RelationCatalog } from '../../database/relation-catalog.js';
import { stringValue, unwrap, type AstNode } from '../ast.js';
import {
  ALWAYS_VALUE_NO_ARGS, CONCAT_OPERATOR, RANGE_AMBIGUOUS, VALUE_FOR_VALUES, VALUE_FOR_VALUES_OPERATORS, NEVER_NULL_OVER_NON_EMPTY, NON_NULL_OVER_NON_EMPTY,
  NON_STRICT_NEVER_NULL, NULL_IFF_FIRST_ARG, RANKING_WINDOW, SERIES_OF_VALUES, VALUE_OF_FRAME_ROW,
} from './function-rules.js';
import { NON_NULL, nullable, sourceVerdict, type ColumnSource, type Verdict } from './scope.js';

export interface ExpressionContext {
  resolve(qualifier: string | undefined, name: string): ColumnSource | undefined;
  /** Under grouping sets: whether a column is a plain GROUP BY item (in every set, so never NULLed). */
  inEverySet(source: ColumnSource): boolean;
  /** The select list holds exactly one set-returning call, so nothing pads its output with NULLs. */
  soleSrf: boolean;
  /** none: no GROUP BY (aggregates may see no rows); groups: every group has a row; sets: grouping sets. */
  grouping: 'none' | 'groups' | 'sets';
  catalog: RelationCatalog;
  /** `$n` → `!` (declared non-null) or not. */
  paramMarks: ReadonlyMap<number, string | null>;
  /** Whether an expression is surely of a string type (not a range), for `lower`/`upper`. */
  isTextLike(node: AstNode): boolean;
  /** Nullability of a scalar subquery's single column, or undefined when it may return no row. */
  scalarSubquery(select: AstNode): Verdict | undefined;
}

export function expressionVerdict(node: AstNode | undefined, ctx: ExpressionContext, inAggregate = false): Verdict {
  const [type, n] = unwrap(node) ?? [];
  if (!type || !n) return nullable('expression');
  switch (type) {
    case 'A_Const':
      return n.isnull ? nullable('NULL literal') : NON_NULL;
    case 'ColumnRef':
      return columnRefVerdict(n, ctx, inAggregate);
    case 'ParamRef':
      return ctx.paramMarks.get(n.number as number) === '!' ? NON_NULL : nullable(`parameter $${n.number} may be NULL`);
    case 'TypeCast': {
      const target = stringValue((n.typeName?.names as AstNode[] | undefined)?.at(-1));
      if (target && ctx.catalog.userCastTargets.has(target)) return nullable(`a user-defined cast to ${target} may return NULL`);
      return expressionVerdict(n.arg, ctx, inAggregate);
    }
    case 'CollateClause':
      return expressionVerdict(n.arg, ctx, inAggregate);
    case 'RowExpr':
      // A row with NULL fields is itself a value, but compares as NULL: only rows of values are safe.
      return allNonNull(n.args as AstNode[], ctx, inAggregate, 'row field');
    case 'A_ArrayExpr':
    case 'GroupingFunc':
    case 'NullTest':
    case 'BooleanTest':
      return NON_NULL;
    case 'SQLValueFunction':
      return n.op === 'SVFOP_CURRENT_SCHEMA' ? nullable('current_schema may be NULL') : NON_NULL;
    case 'CoalesceExpr':
    case 'MinMaxExpr': {
      const verdicts = (n.args as AstNode[]).map((a) => expressionVerdict(a, ctx, inAggregate));
      const word = type === 'CoalesceExpr' ? 'coalesce()' : n.op === 'IS_GREATEST' ? 'greatest()' : 'least()';
      return verdicts.some((v) => !v.nullable) ? NON_NULL : nullable(`${word} of arguments that may all be NULL`);
    }
    case 'CaseExpr': {
      if (!n.defresult) return nullable('CASE without ELSE');
      const results = [...(n.args as AstNode[]).map((w) => w.CaseWhen?.result), n.defresult];
      const bad = results.map((r) => expressionVerdict(r, ctx, inAggregate)).find((v) => v.nullable);
      return bad ? nullable(`CASE branch: ${bad.because}`) : NON_NULL;
    }
    case 'BoolExpr':
      return allNonNull(n.args as AstNode[], ctx, inAggregate, 'boolean operand');
    case 'A_Expr':
      return operatorVerdict(n, ctx, inAggregate);
    case 'FuncCall':
      return functionVerdict(n, ctx, inAggregate);
    case 'SubLink':
      switch (n.subLinkType) {
        case 'EXISTS_SUBLINK':
        case 'ARRAY_SUBLINK':
          return NON_NULL;
        case 'EXPR_SUBLINK':
          return ctx.scalarSubquery(n.subselect) ?? nullable('scalar subquery may return no row');
        default:
          return nullable('ANY/ALL subquery comparison may be NULL');
      }
    case 'A_Indirection':
      return nullable('subscript or field selection may be NULL');
    default:
      return nullable('expression');
  }
}

function columnRefVerdict(n: AstNode, ctx: ExpressionContext, inAggregate: boolean): Verdict {
  const fields = n.fields as AstNode[];
  const name = stringValue(fields[fields.length - 1]);
  const qualifier = fields.length >= 2 ? stringValue(fields[fields.length - 2]) : undefined;
  if (!name) return nullable('whole-row reference');
  const source = ctx.resolve(qualifier, name);
  if (!source) return nullable(`${qualifier ? qualifier + '.' : ''}${name} could not be resolved`);
  if (ctx.grouping === 'sets' && !inAggregate && !ctx.inEverySet(source)) return nullable('GROUPING SETS / ROLLUP / CUBE produce NULL in subtotal rows');
  return sourceVerdict(source);
}

function allNonNull(args: AstNode[] | undefined, ctx: ExpressionContext, inAggregate: boolean, what: string): Verdict {
  for (const arg of args ?? []) {
    const v = expressionVerdict(arg, ctx, inAggregate);
    if (v.nullable) return nullable(`${what}: ${v.because}`);
  }
  return NON_NULL;
}

function operatorVerdict(n: AstNode, ctx: ExpressionContext, inAggregate: boolean): Verdict {
  const operands = [n.lexpr, ...(n.rexpr?.List ? (n.rexpr.List.items as AstNode[]) : [n.rexpr])].filter(Boolean) as AstNode[];
  const name = stringValue((n.name as AstNode[])[(n.name as AstNode[]).length - 1]) ?? '?';
  switch (n.kind) {
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT':
      return NON_NULL;
    case 'AEXPR_NULLIF':
      return nullable('nullif() returns NULL when its arguments are equal');
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      return nullable(`${name} ANY/ALL over an array that may contain NULL`);
    case 'AEXPR_OP': {
      if (name !== CONCAT_OPERATOR) {
        const facts = ctx.catalog.operators.get(name);
        if (!VALUE_FOR_VALUES_OPERATORS.has(name) || !facts || !facts.allStrict || !facts.allBuiltIn) {
          return nullable(`operator ${name} may return NULL`);
        }
      }
      return allNonNull(operands, ctx, inAggregate, `operand of ${name}`);
    }
    default:
      // IN lists, LIKE, ILIKE, SIMILAR, BETWEEN: NULL only through a NULL operand.
      return allNonNull(operands, ctx, inAggregate, `operand of ${name}`);
  }
}

function functionVerdict(n: AstNode, ctx: ExpressionContext, inAggregate: boolean): Verdict {
  const parts = n.funcname as AstNode[];
  const name = stringValue(parts[parts.length - 1]) ?? '?';
  const schema = parts.length > 1 ? stringValue(parts[0]) : undefined;
  const args = (n.args as AstNode[] | undefined) ?? [];
  const facts = ctx.catalog.functions.get(name);
  const builtIn = (schema === undefined || schema === 'pg_catalog') && (facts?.allBuiltIn ?? false);

  if (n.over) return windowVerdict(n, name, args, builtIn, ctx, inAggregate);
  if (n.agg_star || facts?.isAggregate) {
    if (name === 'count' && builtIn) return NON_NULL;
    if (n.agg_filter) return nullable(`${name}() FILTER over possibly no rows`);
    if (ctx.grouping !== 'groups') return nullable(`${name}() over possibly empty input (no GROUP BY)`);
    if (!builtIn) return nullable(`aggregate ${name}() may return NULL`);
    if (NEVER_NULL_OVER_NON_EMPTY.has(name)) return NON_NULL;
    if (NON_NULL_OVER_NON_EMPTY.has(name)) return allNonNull(args, ctx, true, `${name}() of a nullable argument`);
    return nullable(`aggregate ${name}() may return NULL`);
  }
  if (!builtIn) return nullable(`${name}() is not a built-in function known to return a value`);
  if (NON_STRICT_NEVER_NULL.has(name)) return NON_NULL;
  if (NULL_IFF_FIRST_ARG.has(name)) return allNonNull(args.slice(0, 1), ctx, inAggregate, `first argument of ${name}()`);
  if (args.length === 0) return ALWAYS_VALUE_NO_ARGS.has(name) ? NON_NULL : nullable(`${name}() may return NULL`);
  // In the select list, a lone SRF only yields rows; beside another SRF it is padded with NULLs.
  if (facts!.returnsSet && SERIES_OF_VALUES.has(name) && ctx.soleSrf) return allNonNull(args, ctx, inAggregate, `argument of ${name}()`);
  if (!facts!.allStrict || facts!.returnsSet || !VALUE_FOR_VALUES.has(name)) {
    return nullable(`${name}() may return NULL`);
  }
  if (RANGE_AMBIGUOUS.has(name) && !args.every((a) => ctx.isTextLike(a))) return nullable(`${name}() of a range may be NULL`);
  return allNonNull(args, ctx, inAggregate, `argument of ${name}()`);
}

/**
 * Window functions. Ranking functions and count() always yield a value (ntile only for a non-NULL
 * bucket count). lag/lead with a default fall back to it. Aggregates and first_value/last_value
 * see a frame; a frame that always contains the current row is never empty, so they follow the
 * over-non-empty-input rules. A named window (`OVER w`) is not looked up: its frame is unknown.
 */
function windowVerdict(n: AstNode, name: string, args: AstNode[], builtIn: boolean, ctx: ExpressionContext, inAggregate: boolean): Verdict {
  const noValue = nullable(`window function ${name}() may be NULL (empty frame or no such row)`);
  if (name === 'count' && builtIn) return NON_NULL;
  if (!builtIn) return noValue;
  if (name === 'ntile') return allNonNull(args, ctx, inAggregate, 'ntile() bucket count');
  if (RANKING_WINDOW.has(name)) return NON_NULL;
  if ((name === 'lag' || name === 'lead') && args.length === 3) return allNonNull(args, ctx, inAggregate, `argument of ${name}()`);
  if (n.agg_filter || !frameHoldsCurrentRow(n.over as AstNode)) return noValue;
  if (NEVER_NULL_OVER_NON_EMPTY.has(name)) return NON_NULL;
  if (NON_NULL_OVER_NON_EMPTY.has(name) || VALUE_OF_FRAME_ROW.has(name)) return allNonNull(args, ctx, inAggregate, `${name}() of a nullable argument`);
  return noValue;
}

// PostgreSQL's FRAMEOPTION_* bits (nodes/parsenodes.h).
const FRAME = {
  startUnboundedPreceding: 0x20, startCurrentRow: 0x200, startOffsetPreceding: 0x800,
  endUnboundedFollowing: 0x100, endCurrentRow: 0x400, endOffsetFollowing: 0x4000,
  exclusions: 0x8000 | 0x10000 | 0x20000,
};

/** Whether the window frame always contains the current row (so it is never empty). */
function frameHoldsCurrentRow(over: AstNode): boolean {
  if (over.name || over.refname) return false;
  const options = (over.frameOptions as number | undefined) ?? 0;
  if (options & FRAME.exclusions) return false;
  const startsBefore = options & (FRAME.startUnboundedPreceding | FRAME.startCurrentRow | FRAME.startOffsetPreceding);
  const endsAfter = options & (FRAME.endUnboundedFollowing | FRAME.endCurrentRow | FRAME.endOffsetFollowing);
  return startsBefore !== 0 && endsAfter !== 0;
}
