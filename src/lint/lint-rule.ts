/** A lint rule: looks at one migration statement, knowing the schema before the migration. */
import type { LintSeverity } from './lint-finding.js';
import type { QueryUsage } from './query-usage.js';
import type { SchemaSnapshot } from './schema-tracker.js';

export type Node = Record<string, unknown>;

export interface StatementContext {
  /** The statement's parse tree node, e.g. `{ IndexStmt: {…} }`. */
  node: Node;
  /** The node's type name, e.g. `IndexStmt`. */
  kind: string;
  /** The migration's first line is `-- no-transaction`. */
  noTransaction: boolean;
  /** The migration is marked `-- sqlsure: breaking` (it knowingly breaks older code). */
  breaking: boolean;
  /** The schema before this migration, compared with the schema just before this statement. */
  before: SchemaSnapshot;
  /** What the cached queries use. */
  usage: QueryUsage;
}

export interface RuleFinding {
  message: string;
  hint: string;
}

export interface LintRule {
  /** Stable: used in config files and ignore comments. */
  name: string;
  defaultSeverity: LintSeverity;
  /** One line for docs and `--help`. */
  summary: string;
  check(s: StatementContext): RuleFinding[];
}

/** The `ALTER TABLE` commands of a statement, with the table's key. */
export function alterTableCommands(s: StatementContext): Array<{ cmd: Node; subtype: string }> {
  if (s.kind !== 'AlterTableStmt') return [];
  const body = s.node.AlterTableStmt as { objtype?: string; cmds?: Array<{ AlterTableCmd?: Node }> };
  if (body.objtype !== undefined && body.objtype !== 'OBJECT_TABLE') return [];
  return (body.cmds ?? []).map((c) => c.AlterTableCmd ?? {}).map((cmd) => ({ cmd, subtype: String(cmd.subtype ?? '') }));
}
