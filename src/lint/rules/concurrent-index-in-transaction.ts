/** CREATE INDEX, DROP INDEX and REINDEX … CONCURRENTLY fail inside a transaction block, where sqlsure runs a migration. */
import type { LintRule } from '../lint-rule.js';

export const concurrentIndexInTransaction: LintRule = {
  name: 'concurrent-index-in-transaction',
  defaultSeverity: 'error',
  summary: 'CONCURRENTLY in a migration that runs inside a transaction',
  check(s) {
    if (s.noTransaction) return [];
    const concurrent =
      (s.kind === 'IndexStmt' && (s.node.IndexStmt as { concurrent?: boolean }).concurrent === true) ||
      (s.kind === 'DropStmt' && (s.node.DropStmt as { concurrent?: boolean }).concurrent === true) ||
      (s.kind === 'ReindexStmt' && JSON.stringify(s.node.ReindexStmt).includes('"concurrently"'));
    if (!concurrent) return [];
    const what = { IndexStmt: 'CREATE INDEX', DropStmt: 'DROP INDEX', ReindexStmt: 'REINDEX' }[s.kind];
    return [
      {
        message: `${what} CONCURRENTLY cannot run inside a transaction block, and this migration runs in one: applying it fails with 25001`,
        hint: 'put `-- no-transaction` on the first line of the migration (best: a migration holding only this statement, so a failure leaves nothing half-applied)',
      },
    ];
  },
};
