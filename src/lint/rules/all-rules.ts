/** Every lint rule, in the order findings of one statement are reported. */
import type { LintRule } from '../lint-rule.js';
import { changingColumnType } from './changing-column-type.js';
import { concurrentIndexInTransaction } from './concurrent-index-in-transaction.js';
import { dropInUse } from './drop-in-use.js';
import { renameInUse } from './rename-in-use.js';
import { requireConcurrentIndex } from './require-concurrent-index.js';
import { requireDefaultForNotNullColumn } from './require-default-for-not-null-column.js';
import { requireNotValidConstraint } from './require-not-valid-constraint.js';
import { setNotNull } from './set-not-null.js';

export const LINT_RULES: readonly LintRule[] = [
  requireConcurrentIndex,
  concurrentIndexInTransaction,
  requireDefaultForNotNullColumn,
  requireNotValidConstraint,
  changingColumnType,
  setNotNull,
  renameInUse,
  dropInUse,
];

/** Not a rule on statements: an ignore comment without a reason, or naming no known rule. */
export const INVALID_IGNORE_RULE = 'invalid-lint-ignore';

export const RULE_NAMES: readonly string[] = [...LINT_RULES.map((r) => r.name), INVALID_IGNORE_RULE];
