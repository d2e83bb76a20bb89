/** The lines of the files problems point into, read once per run, as the positions count them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export class SourceLines {
  readonly #root: string;
  readonly #files = new Map<string, string[] | undefined>();

  constructor(root: string) {
    this.#root = root;
  }

  /** The file's lines (LF, CRLF or CR endings; a BOM dropped), or undefined when unreadable. */
  of(file: string): string[] | undefined {
    if (!this.#files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = readFileSync(path.resolve(this.#root, file), 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
      } catch {
        lines = undefined;
      }
      this.#files.set(file, lines);
    }
    return this.#files.get(file);
  }
}
