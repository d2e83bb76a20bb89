/** ALTER COLUMN … TYPE usually rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock. */
import { alterTableCommands, type LintRule } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const changingColumnType: LintRule = {
  name: 'changing-column-type',
  defaultSeverity: 'error',
  summary: 'ALTER COLUMN … TYPE on an existing table',
  check(s) {
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    return alterTableCommands(s)
      .filter(({ subtype, cmd }) => subtype === 'AT_AlterColumnType' && typeof cmd.name === 'string' && !s.before.columnIsNew(key, cmd.name))
      .map(({ cmd }) => ({
        message: `ALTER COLUMN ${String(cmd.name)} TYPE on ${shownRelation(key!)}: PostgreSQL takes an ACCESS EXCLUSIVE lock (no reads, no writes) and, for most type changes, rewrites the table and its indexes; code that is running now still sends and expects the old type`,
        hint: 'add a new column of the new type, write both from the application, backfill in batches, switch reads, then drop the old column in a later release (only varchar(n) → longer varchar or text is free of the rewrite)',
      }));
  },
};
