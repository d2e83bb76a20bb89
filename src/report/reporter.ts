/**
 * Prints problems in the form asked for. Problems (diagnostics) go to stderr; what a program
 * reads goes to stdout: the `json` document and the `github` workflow commands.
 *
 * - `pretty`: head line, code frame with a caret under the token, hint (default on a terminal).
 * - `plain`: one `file:line:col: error [SQLSTATE]: message` line and the hint (default otherwise).
 * - `github`: `::error file=…,line=…::message` annotations for GitHub Actions.
 * - `json`: one document at the end of the run (json-report.ts).
 */
import path from 'node:path';
import { colors as defaultColors, type Colors } from './color-choice.js';
import { formatPrettyProblem } from './format-pretty-problem.js';
import { formatProblem } from './format-problem.js';
import { githubAnnotation } from './github-annotation.js';
import { jsonProblem, jsonReport, type JsonProblem } from './json-report.js';
import { problemExtent } from './problem-extent.js';
import type { ReportedProblem } from './reported-problem.js';
import { SourceLines } from './source-lines.js';
import type { ReporterName } from './reporter-names.js';

export { REPORTERS, type ReporterName } from './reporter-names.js';

export interface ReporterOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: ReporterOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function defaultReporter(stderr: { isTTY?: boolean } = process.stderr): ReporterName {
  return stderr.isTTY === true ? 'pretty' : 'plain';
}

export class Reporter {
  readonly name: ReporterName;
  readonly #command: string;
  readonly #out: ReporterOutput;
  readonly #colors: Colors;
  #root: string;
  #sources: SourceLines;
  readonly #collected: JsonProblem[] = [];
  #count = 0;

  constructor(name: ReporterName | undefined, command: string, root: string, options: { output?: ReporterOutput; colors?: Colors } = {}) {
    this.name = name ?? defaultReporter();
    this.#command = command;
    this.#root = path.resolve(root);
    this.#sources = new SourceLines(this.#root);
    this.#out = options.output ?? processOutput;
    this.#colors = options.colors ?? defaultColors;
  }

  /** The root problem files are relative to, once the configuration has resolved it. */
  setRoot(root: string): void {
    if (path.resolve(root) === this.#root) return;
    this.#root = path.resolve(root);
    this.#sources = new SourceLines(this.#root);
  }

  /** How many problems were reported so far. */
  get count(): number {
    return this.#count;
  }

  report(problems: readonly ReportedProblem[]): void {
    for (const p of problems) {
      this.#count++;
      switch (this.name) {
        case 'plain':
          this.#out.stderr(`${formatProblem(p, this.#colors)}\n`);
          break;
        case 'pretty':
          this.#out.stderr(formatPrettyProblem(p, this.#sources, this.#colors));
          break;
        case 'github':
          this.#out.stdout(`${githubAnnotation(p, problemExtent(p, this.#sources), this.#root, process.env.GITHUB_WORKSPACE || process.cwd())}\n`);
          break;
        case 'json':
          this.#collected.push(jsonProblem(p, problemExtent(p, this.#sources)));
          break;
      }
    }
  }

  /** Ends the run: the json reporter prints its document (also when the run failed early). */
  finish(exitCode: number, counts: Record<string, number> = {}): void {
    if (this.name !== 'json') return;
    this.#out.stdout(`${JSON.stringify(jsonReport(this.#command, exitCode, this.#collected, counts), null, 2)}\n`);
  }
}
