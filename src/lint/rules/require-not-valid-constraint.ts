/** A FOREIGN KEY or CHECK added as valid scans the whole table while holding a lock that blocks writes. */
import { alterTableCommands, type LintRule, type Node } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const requireNotValidConstraint: LintRule = {
  name: 'require-not-valid-constraint',
  defaultSeverity: 'error',
  summary: 'ADD CONSTRAINT … FOREIGN KEY or CHECK without NOT VALID on an existing table',
  check(s) {
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    return alterTableCommands(s).flatMap(({ cmd, subtype }) => {
      const constraints: Array<{ contype?: string; conname?: string; skip_validation?: boolean }> = [];
      const def = (cmd.def ?? {}) as Node;
      if (subtype === 'AT_AddConstraint' && def.Constraint) constraints.push(def.Constraint as never);
      return constraints
        .filter((c) => (c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation)
        .map((c) => {
          const what = c.contype === 'CONSTR_FOREIGN' ? 'FOREIGN KEY' : 'CHECK';
          const name = c.conname ? ` ${c.conname}` : '';
          return {
            message: `ADD CONSTRAINT${name} ${what} on ${shownRelation(key!)} without NOT VALID: PostgreSQL checks every existing row while holding a lock that blocks writes${c.contype === 'CONSTR_FOREIGN' ? ' (to the referenced table too)' : ''}`,
            hint: `add it with NOT VALID (only new rows are checked), then in a later statement or migration run ALTER TABLE … VALIDATE CONSTRAINT${name || ' <name>'}, which scans without blocking writes`,
          };
        });
    });
  },
};
