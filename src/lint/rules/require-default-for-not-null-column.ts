/** ADD COLUMN … NOT NULL without a default fails on any table that has rows. */
import { alterTableCommands, type LintRule, type Node } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const requireDefaultForNotNullColumn: LintRule = {
  name: 'require-default-for-not-null-column',
  defaultSeverity: 'error',
  summary: 'ADD COLUMN … NOT NULL without a DEFAULT on an existing table',
  check(s) {
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    return alterTableCommands(s).flatMap(({ cmd, subtype }) => {
      if (subtype !== 'AT_AddColumn') return [];
      const column = (cmd.def as Node | undefined)?.ColumnDef as { colname?: string; constraints?: Array<{ Constraint?: { contype?: string } }>; identity?: string } | undefined;
      const types = (column?.constraints ?? []).map((c) => c.Constraint?.contype);
      // Identity and generated columns are filled by PostgreSQL itself.
      const filled = types.some((t) => t === 'CONSTR_DEFAULT' || t === 'CONSTR_IDENTITY' || t === 'CONSTR_GENERATED');
      if (!(types.includes('CONSTR_NOTNULL') || types.includes('CONSTR_PRIMARY')) || filled) return [];
      return [
        {
          message: `ADD COLUMN ${column?.colname ?? ''} NOT NULL without a DEFAULT on ${shownRelation(key!)}, which existed before this migration: it fails as soon as the table has a row`,
          hint: 'add the column with a constant DEFAULT (no table rewrite since PostgreSQL 11), or add it nullable, backfill it in batches, then add a CHECK (… IS NOT NULL) NOT VALID, VALIDATE it and SET NOT NULL',
        },
      ];
    });
  },
};
