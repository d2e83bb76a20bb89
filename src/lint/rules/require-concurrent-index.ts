/**
 * CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built; so
 * does ADD PRIMARY KEY / UNIQUE, which builds its index the same way unless given one (USING INDEX).
 */
import { alterTableCommands, type LintRule, type RuleFinding } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const requireConcurrentIndex: LintRule = {
  name: 'require-concurrent-index',
  defaultSeverity: 'error',
  summary: 'CREATE INDEX (or ADD PRIMARY KEY/UNIQUE) on an existing table without CONCURRENTLY',
  check(s) {
    if (s.kind === 'IndexStmt') {
      const index = s.node.IndexStmt as { relation?: RangeVarNode; concurrent?: boolean; unique?: boolean };
      const key = rangeVarKey(index.relation);
      if (index.concurrent || !s.before.existedBefore(key)) return [];
      const what = index.unique ? 'CREATE UNIQUE INDEX' : 'CREATE INDEX';
      return [
        {
          message: `${what} on ${shownRelation(key!)} without CONCURRENTLY: the table existed before this migration, and building the index holds a SHARE lock that blocks every INSERT, UPDATE and DELETE on it until the build ends`,
          hint: `use ${what} CONCURRENTLY in a migration of its own starting with \`-- no-transaction\` (it cannot run in a transaction block)`,
        },
      ];
    }
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    return alterTableCommands(s).flatMap(({ cmd, subtype }): RuleFinding[] => {
      const c = (cmd.def as { Constraint?: { contype?: string; indexname?: string } } | undefined)?.Constraint;
      if (subtype !== 'AT_AddConstraint' || !c || c.indexname || (c.contype !== 'CONSTR_PRIMARY' && c.contype !== 'CONSTR_UNIQUE')) return [];
      const what = c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
      return [
        {
          message: `ADD ${what} on ${shownRelation(key!)} builds its index without CONCURRENTLY, holding a lock that blocks reads and writes until the build ends`,
          hint: `CREATE UNIQUE INDEX CONCURRENTLY … in a \`-- no-transaction\` migration first, then ADD CONSTRAINT … ${what} USING INDEX <that index>`,
        },
      ];
    });
  },
};
