/** Renaming a table, view or column that a cached query uses breaks the release running now. */
import type { LintRule } from '../lint-rule.js';
import { nameQueries } from '../query-usage.js';
import { rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

const RELATION_KINDS: Record<string, string> = { OBJECT_TABLE: 'table', OBJECT_VIEW: 'view', OBJECT_MATVIEW: 'materialized view', OBJECT_FOREIGN_TABLE: 'foreign table' };

export const renameInUse: LintRule = {
  name: 'rename-in-use',
  defaultSeverity: 'error',
  summary: 'RENAME of a table, view or column that a cached query still uses',
  check(s) {
    if (s.breaking || s.kind !== 'RenameStmt') return [];
    const r = s.node.RenameStmt as { renameType?: string; relation?: RangeVarNode; subname?: string; newname?: string };
    const key = rangeVarKey(r.relation);
    if (!s.before.existedBefore(key)) return [];
    let users;
    let what;
    if (RELATION_KINDS[r.renameType ?? '']) {
      users = s.usage.usingRelation(key!);
      what = `RENAME ${RELATION_KINDS[r.renameType!]!.toUpperCase()} ${shownRelation(key!)} TO ${r.newname}`;
    } else if (r.renameType === 'OBJECT_COLUMN' && r.subname && !s.before.columnIsNew(key, r.subname)) {
      users = s.usage.usingColumn(key!, r.subname, (k) => s.before.columnsOf(k));
      what = `RENAME COLUMN ${shownRelation(key!)}.${r.subname} TO ${r.newname}`;
    } else return [];
    if (!users.length) return [];
    return [
      {
        message: `${what}: ${users.length} cached quer${users.length === 1 ? 'y uses' : 'ies use'} the old name: ${nameQueries(users)}`,
        hint: 'expand and contract: add the new name (a new column written by both, or a view with the old name), release code using it, then remove the old name in a later migration; if this migration is meant to break older code, mark it `-- sqlsure: breaking`',
      },
    ];
  },
};
