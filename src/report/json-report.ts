/**
 * The `--reporter json` document: ONE JSON value on stdout, a contract documented in README.md
 * ("JSON report format"). Add fields freely; renaming, removing or retyping one bumps `version`.
 */
import type { Extent } from './problem-extent.js';
import type { ReportedProblem } from './reported-problem.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonProblem {
  severity: 'error' | 'warning';
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** The problem's code: its SQLSTATE when PostgreSQL or its parser reported it, else null. */
  code: string | null;
  sqlstate: string | null;
  query: string | null;
  message: string;
  hint: string | null;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: 'sqlsure';
  command: string;
  ok: boolean;
  exitCode: number;
  summary: { problems: number; errors: number; warnings: number } & Record<string, number>;
  problems: JsonProblem[];
}

export function jsonProblem(p: ReportedProblem, extent: Extent | undefined): JsonProblem {
  const sqlstate = p.code && /^[0-9A-Z]{5}$/.test(p.code) ? p.code : null;
  return {
    severity: p.severity ?? 'error',
    file: p.file ?? null,
    line: extent?.start.line ?? null,
    column: extent?.start.column ?? null,
    endLine: extent?.end.line ?? null,
    endColumn: extent?.end.column ?? null,
    code: p.code ?? null,
    sqlstate,
    query: p.query ?? null,
    message: p.message,
    hint: p.hint ?? null,
  };
}

export function jsonReport(command: string, exitCode: number, problems: JsonProblem[], counts: Record<string, number>): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: 'sqlsure',
    command,
    ok: exitCode === 0,
    exitCode,
    summary: { ...counts, problems: problems.length, errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length },
    problems,
  };
}
