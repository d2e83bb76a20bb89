import type { SourceProblem } from '../source/query-source.js';

/** File, then line, then column: the order a reader (and an editor's problem list) expects. */
export function sortProblems(problems: readonly SourceProblem[]): SourceProblem[] {
  return [...problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.position.line - b.position.line || a.position.column - b.position.column,
  );
}
