/**
 * A GitHub Actions workflow command that annotates the file in the pull request:
 * `::error file=queries/users.sql,line=4,col=12,endLine=4,endColumn=17,title=…::message`.
 * GitHub reads `%`, CR and LF as escapes in the message, and also `:` and `,` in properties.
 */
import path from 'node:path';
import type { Extent } from './problem-extent.js';
import type { ReportedProblem } from './reported-problem.js';
import { terminalText } from './terminal-text.js';

/** `root`: the project root; `base`: what GitHub resolves `file=` against (the workspace). */
export function githubAnnotation(p: ReportedProblem, extent: Extent | undefined, root: string, base: string): string {
  const props: string[] = [];
  if (p.file) {
    const file = path.relative(base, path.resolve(root, p.file)).split(path.sep).join('/');
    props.push(`file=${escapeProperty(file)}`);
  }
  if (extent) {
    props.push(`line=${extent.start.line}`, `col=${extent.start.column}`, `endLine=${extent.end.line}`, `endColumn=${extent.end.column}`);
  }
  const title = ['sqlsure', p.code ? `[${p.code}]` : '', p.query ?? ''].filter(Boolean).join(' ');
  props.push(`title=${escapeProperty(title)}`);
  const message = p.hint ? `${p.message}\nhint: ${p.hint}` : p.message;
  return `::${p.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(terminalText(message))}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(terminalText(text, false)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
