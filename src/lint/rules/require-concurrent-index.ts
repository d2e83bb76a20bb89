/** CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built. */
import type { LintRule } from '../lint-rule.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

export const requireConcurrentIndex: LintRule = {
  name: 'require-concurrent-index',
  defaultSeverity: 'error',
  summary: 'CREATE INDEX on an existing table without CONCURRENTLY',
  check(s) {
    if (s.kind !== 'IndexStmt') return [];
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
  },
};
