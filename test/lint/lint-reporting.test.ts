/** Lint findings through the shared reporters: rule as the code, warnings as warnings everywhere. */
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { toProblem } from '../../src/cli/run-lint.js';
import type { LintFinding } from '../../src/lint/lint-finding.js';
import { Reporter, type ReporterName } from '../../src/report/reporter.js';

const finding = (severity: LintFinding['severity']): LintFinding => ({
  rule: 'set-not-null',
  severity,
  file: 'migrations/0009_next.sql',
  position: { line: 4, column: 1 },
  message: 'ALTER COLUMN email SET NOT NULL on users: …',
  hint: 'first ADD CONSTRAINT …',
});

function print(name: ReporterName, findings: LintFinding[]) {
  let stdout = '';
  let stderr = '';
  const r = new Reporter(name, 'migrate lint', '/nonexistent-root', { output: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, colors: pc.createColors(false) });
  r.report(findings.map(toProblem));
  r.finish(0, {});
  return { stdout, stderr };
}

describe('lint findings in reporters', () => {
  it('plain: file:line:col, level and rule', () => {
    expect(print('plain', [finding('error'), finding('warn')]).stderr.split('\n').filter((l) => !l.startsWith(' '))).toEqual([
      'migrations/0009_next.sql:4:1: error [set-not-null]: ALTER COLUMN email SET NOT NULL on users: …',
      'migrations/0009_next.sql:4:1: warning [set-not-null]: ALTER COLUMN email SET NOT NULL on users: …',
      '',
    ]);
  });
  it('github: ::warning for warnings, ::error for errors, the rule in the title', () => {
    const out = print('github', [finding('error'), finding('warn')]).stdout.split('\n');
    expect(out[0]).toMatch(/^::error file=.*0009_next\.sql,line=4,col=1,.*title=sqlsure \[set-not-null\]::/);
    expect(out[1]).toMatch(/^::warning file=/);
  });
  it('json: severity per problem and counted in the summary', () => {
    const doc = JSON.parse(print('json', [finding('error'), finding('warn'), finding('warn')]).stdout);
    expect(doc.problems.map((p: { severity: string; code: string; sqlstate: null }) => [p.severity, p.code, p.sqlstate])).toEqual([
      ['error', 'set-not-null', null],
      ['warning', 'set-not-null', null],
      ['warning', 'set-not-null', null],
    ]);
    expect(doc.summary).toMatchObject({ problems: 3, errors: 1, warnings: 2 });
  });
});
