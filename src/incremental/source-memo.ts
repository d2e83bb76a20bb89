/**
 * Parses of query files remembered across runs, keyed by the file's exact text and by the
 * sqlsure that parsed them: a file that did not change is not tokenized and parsed again, and
 * when no file changed the SQL parser (WASM) is not even loaded. Parsing is a pure function of
 * (path, text, tool), so a remembered parse is exactly what parsing again would give. Only
 * files that parsed without problems are remembered. Stored beside the prepare state, outside
 * the project.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { digestOf } from './file-stamp.js';
import { localStateFile, writeLocalState } from './local-state-file.js';
import type { ParsedFileMemo } from '../source/load-query-sources.js';
import type { ParsedQueryFile } from '../source/parse-query-file.js';

const FORMAT = 1;

interface StoredFile {
  digest: string;
  parsed: ParsedQueryFile;
}

interface StoredMemo {
  format: number;
  tool: string;
  files: Record<string, StoredFile>;
}

export class SourceMemo implements ParsedFileMemo {
  readonly #file: string;
  readonly #tool: string;
  readonly #previous: Record<string, StoredFile>;
  readonly #current: Record<string, StoredFile> = {};
  readonly #digests = new Map<string, string>();
  #changed = false;

  private constructor(file: string, tool: string, previous: Record<string, StoredFile>) {
    this.#file = file;
    this.#tool = tool;
    this.#previous = previous;
  }

  static async open(localCacheDir: string, root: string, queries: string, tool: string): Promise<SourceMemo> {
    const file = localStateFile(localCacheDir, 'sources', path.resolve(root), queries);
    let previous: Record<string, StoredFile> = {};
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // none yet, or unreadable: parse everything again
    }
    if (text !== undefined) {
      try {
        const stored = JSON.parse(text) as StoredMemo;
        if (stored.format === FORMAT && stored.tool === tool && stored.files && typeof stored.files === 'object') previous = stored.files;
      } catch {
        // unreadable: parse everything again
      }
    }
    return new SourceMemo(file, tool, previous);
  }

  get(file: string, text: string): ParsedQueryFile | undefined {
    const stored = this.#previous[file];
    const textDigest = digestOf(text);
    this.#digests.set(file, textDigest);
    if (!stored || stored.digest !== textDigest) return undefined;
    this.#current[file] = stored;
    return stored.parsed;
  }

  set(file: string, text: string, parsed: ParsedQueryFile): void {
    this.#changed = true;
    if (parsed.problems.length === 0) this.#current[file] = { digest: this.#digests.get(file) ?? digestOf(text), parsed };
  }

  /** The digest of the text of `file` that this run parsed (or found remembered). */
  digestOf(file: string): string | undefined {
    return this.#digests.get(file);
  }

  /** Writes the memo when a file was parsed or dropped (best effort). */
  async save(): Promise<void> {
    const dropped = Object.keys(this.#previous).some((f) => !(f in this.#current));
    if (!this.#changed && !dropped) return;
    const stored: StoredMemo = { format: FORMAT, tool: this.#tool, files: this.#current };
    await writeLocalState(this.#file, JSON.stringify(stored));
  }
}

