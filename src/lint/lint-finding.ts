/** What a lint rule reports about one migration statement. */
import type { SourcePosition } from '../source/query-source.js';

export type LintSeverity = 'error' | 'warn';
/** How a rule is configured in sqlsure.config.json (`"lint": { "rules": { "<name>": … } }`). */
export type RuleSetting = LintSeverity | 'off';
export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warn', 'off'];

export interface LintFinding {
  /** The rule's stable name, e.g. `require-concurrent-index`. */
  rule: string;
  severity: LintSeverity;
  /** The migration file, as shown in messages. */
  file: string;
  /** Where the statement starts (its first token). */
  position: SourcePosition;
  /** What the statement does and why it hurts. */
  message: string;
  /** The safe pattern. */
  hint: string;
}
