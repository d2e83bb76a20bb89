/** Dropping a table, view or column that a cached query uses breaks the release running now. */
import { alterTableCommands, type LintRule, type RuleFinding } from '../lint-rule.js';
import { nameQueries } from '../query-usage.js';
import { dropObjectKey, rangeVarKey, shownRelation, type RangeVarNode } from '../relation-name.js';

const RELATION_KINDS: Record<string, string> = { OBJECT_TABLE: 'table', OBJECT_VIEW: 'view', OBJECT_MATVIEW: 'materialized view', OBJECT_FOREIGN_TABLE: 'foreign table' };
const HINT =
  'release code that no longer uses it first, and drop it in a later migration; if this migration is meant to break older code, mark it `-- sqlsure: breaking` on its first lines';

export const dropInUse: LintRule = {
  name: 'drop-in-use',
  defaultSeverity: 'error',
  summary: 'DROP of a table, view or column that a cached query still uses',
  check(s) {
    if (s.breaking) return [];
    const findings: RuleFinding[] = [];
    if (s.kind === 'DropStmt') {
      const drop = s.node.DropStmt as { removeType?: string; objects?: unknown[] };
      const kind = RELATION_KINDS[drop.removeType ?? ''];
      if (!kind) return [];
      for (const o of drop.objects ?? []) {
        const key = dropObjectKey(o);
        if (!key || !s.before.existedBefore(key)) continue;
        const users = s.usage.usingRelation(key);
        if (users.length) findings.push({ message: `DROP ${kind.toUpperCase()} ${shownRelation(key)}: ${users.length} cached quer${users.length === 1 ? 'y uses' : 'ies use'} it: ${nameQueries(users)}`, hint: HINT });
      }
      return findings;
    }
    const key = rangeVarKey((s.node.AlterTableStmt as { relation?: RangeVarNode } | undefined)?.relation);
    if (!s.before.existedBefore(key)) return [];
    for (const { cmd, subtype } of alterTableCommands(s)) {
      if (subtype !== 'AT_DropColumn' || typeof cmd.name !== 'string' || s.before.columnIsNew(key, cmd.name)) continue;
      const users = s.usage.usingColumn(key!, cmd.name, (k) => s.before.columnsOf(k));
      if (users.length) {
        findings.push({ message: `DROP COLUMN ${shownRelation(key!)}.${cmd.name}: ${users.length} cached quer${users.length === 1 ? 'y uses' : 'ies use'} it: ${nameQueries(users)}`, hint: HINT });
      }
    }
    return findings;
  },
};
