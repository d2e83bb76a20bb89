/**
 * Lints migrations statement by statement. Every migration is walked in order so the schema is
 * known at each step ("did this table exist before this migration?"); only the selected ones are
 * reported. Needs `loadSqlParser()` to have resolved.
 */
import type { CacheEntry } from '../cache/cache-entry.js';
import { splitStatements, statementKind } from '../migrate/split-statements.js';
import { LineIndex } from '../source/text-position.js';
import { ignoreCommentsAbove } from './ignore-comments.js';
import type { LintFinding, LintSeverity, RuleSetting } from './lint-finding.js';
import type { Node } from './lint-rule.js';
import { QueryUsage } from './query-usage.js';
import { INVALID_IGNORE_RULE, LINT_RULES, RULE_NAMES } from './rules/all-rules.js';
import { SchemaTracker } from './schema-tracker.js';

export interface LintedMigration {
  /** As shown in findings. */
  file: string;
  /** Normalised text (LF), what positions refer to. */
  sql: string;
  noTransaction: boolean;
  breaking: boolean;
}

export interface LintOptions {
  /** Which migrations to report (by file); all when absent. */
  selected?: ReadonlySet<string>;
  /** The cached queries whose use of relations and columns drop/rename rules check. */
  entries?: readonly CacheEntry[];
  /** Rule name → setting; a rule's default severity when absent. */
  rules?: Readonly<Record<string, RuleSetting>>;
}

export interface LintResult {
  findings: LintFinding[];
  /** Migrations reported on. */
  linted: number;
  /** Findings silenced by ignore comments with a reason. */
  ignored: number;
}

export function lintMigrations(migrations: readonly LintedMigration[], options: LintOptions = {}): LintResult {
  const usage = new QueryUsage(options.entries ?? []);
  const tracker = new SchemaTracker();
  const findings: LintFinding[] = [];
  const severity = (rule: string, fallback: LintSeverity): LintSeverity | undefined => {
    const s = options.rules?.[rule] ?? fallback;
    return s === 'off' ? undefined : s;
  };
  let linted = 0;
  let ignored = 0;
  for (const m of migrations) {
    const report = !options.selected || options.selected.has(m.file);
    if (report) linted++;
    const split = splitStatements(m.sql);
    const lines = new LineIndex(m.sql);
    if (!split.ok) {
      // The runner refuses it too; lint says so rather than guessing at the schema after it.
      if (report) {
        findings.push({ rule: 'syntax', severity: 'error', file: m.file, position: lines.position(split.offset ?? 0), message: split.message, hint: 'fix the SQL: PostgreSQL cannot parse this migration' });
      }
      continue;
    }
    const before = tracker.snapshot();
    let gapStart = 0;
    for (const statement of split.statements) {
      const node = statement.node as Node;
      if (report) {
        const position = lines.position(statement.start);
        const ignores = ignoreCommentsAbove(m.sql, lines, gapStart, statement.start);
        const silenced = new Set<string>();
        for (const ig of ignores) {
          const unknown = ig.rules.filter((r) => !RULE_NAMES.includes(r));
          const level = severity(INVALID_IGNORE_RULE, 'error');
          if (level && (ig.rules.length === 0 || unknown.length || !ig.reason)) {
            const problem = ig.rules.length === 0 ? 'names no rule' : unknown.length ? `names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : 'gives no reason';
            findings.push({
              rule: INVALID_IGNORE_RULE,
              severity: level,
              file: m.file,
              position: ig.position,
              message: `this sqlsure-lint-ignore comment ${problem}${!ig.reason ? ', so it silences nothing' : ''}`,
              hint: `write \`-- sqlsure-lint-ignore <rule>: <why it is safe here>\`; rules: ${RULE_NAMES.filter((r) => r !== INVALID_IGNORE_RULE).join(', ')}`,
            });
          }
          if (ig.reason) for (const r of ig.rules) silenced.add(r);
        }
        const context = { node, kind: statementKind(statement), noTransaction: m.noTransaction, breaking: m.breaking, before, usage };
        for (const rule of LINT_RULES) {
          const level = severity(rule.name, rule.defaultSeverity);
          if (!level) continue;
          for (const f of rule.check(context)) {
            if (silenced.has(rule.name)) ignored++;
            else findings.push({ rule: rule.name, severity: level, file: m.file, position, ...f });
          }
        }
      }
      tracker.apply(node);
      gapStart = statement.start + statement.text.length;
    }
  }
  return { findings, linted, ignored };
}
