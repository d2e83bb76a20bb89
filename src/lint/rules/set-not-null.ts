/** SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock. */
import { alterTableCommands, type LintRule } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const setNotNull: LintRule = {
  name: 'set-not-null',
  defaultSeverity: 'error',
  summary: 'ALTER COLUMN … SET NOT NULL on an existing column',
  check(s) {
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    return alterTableCommands(s)
      .filter(({ subtype, cmd }) => subtype === 'AT_SetNotNull' && typeof cmd.name === 'string' && !s.before.columnIsNew(key, cmd.name) && !s.before.provenNotNull(key, cmd.name))
      .map(({ cmd }) => ({
        message: `ALTER COLUMN ${String(cmd.name)} SET NOT NULL on ${shownRelation(key!)}: PostgreSQL scans every row to prove it while holding an ACCESS EXCLUSIVE lock that blocks reads and writes`,
        hint: `first ADD CONSTRAINT … CHECK (${String(cmd.name)} IS NOT NULL) NOT VALID and VALIDATE CONSTRAINT it (no write lock), then SET NOT NULL uses that constraint instead of scanning; drop the CHECK afterwards`,
      }));
  },
};
