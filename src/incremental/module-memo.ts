/**
 * Generated modules remembered across `check` runs, keyed by everything a module is made from:
 * the exact bytes of its cache entries, the schema types, the codegen options and the sqlsure
 * that generated it. Generating is a pure function of those, so a remembered module is exactly
 * what generating again would give; `check` still reads every entry and every module and
 * compares bytes, it only skips the code generation itself. Stored beside the remembered parses,
 * outside the project; a missing or unreadable memo only makes the run slower.
 */
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CacheEntry } from '../cache/cache-entry.js';
import type { SourceProblem } from '../source/query-source.js';
import { localStateFile, writeLocalState } from './local-state-file.js';

const FORMAT = 1;

interface StoredModule {
  key: string;
  content: string;
  problems: SourceProblem[];
}

interface StoredMemo {
  format: number;
  tool: string;
  modules: Record<string, StoredModule>;
}

/** What generate-modules.ts asks of a memo: a module made from these inputs before, and remembering one. */
export interface ModuleReuse {
  lookup(modulePath: string, entries: readonly CacheEntry[]): { content: string; problems: SourceProblem[] } | undefined;
  remember(modulePath: string, entries: readonly CacheEntry[], emitted: { content: string; problems: SourceProblem[] }): void;
}

export class ModuleMemo implements ModuleReuse {
  readonly #file: string;
  readonly #tool: string;
  readonly #context: string;
  readonly #entryDigests: ReadonlyMap<CacheEntry, string>;
  readonly #previous: Record<string, StoredModule>;
  readonly #current: Record<string, StoredModule> = {};
  #changed = false;

  /**
   * @param context everything besides the entries that goes into every module (schema types,
   *   codegen options), as text
   * @param entryDigests a digest of the file each entry was read from: entries without one are
   *   never looked up nor remembered
   */
  static open(localCacheDir: string, root: string, generated: string, tool: string, context: string, entryDigests: ReadonlyMap<CacheEntry, string>): ModuleMemo {
    const file = localStateFile(localCacheDir, 'modules', path.resolve(root), generated);
    let previous: Record<string, StoredModule> = {};
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredMemo;
      if (stored.format === FORMAT && stored.tool === tool && stored.modules && typeof stored.modules === 'object') previous = stored.modules;
    } catch {
      // none yet, or unreadable: generate everything
    }
    return new ModuleMemo(file, tool, context, entryDigests, previous);
  }

  private constructor(file: string, tool: string, context: string, entryDigests: ReadonlyMap<CacheEntry, string>, previous: Record<string, StoredModule>) {
    this.#file = file;
    this.#tool = tool;
    this.#context = context;
    this.#entryDigests = entryDigests;
    this.#previous = previous;
  }

  lookup(modulePath: string, entries: readonly CacheEntry[]): { content: string; problems: SourceProblem[] } | undefined {
    const key = this.#key(modulePath, entries);
    const stored = this.#previous[modulePath];
    if (key === undefined || stored?.key !== key) return undefined;
    this.#current[modulePath] = stored;
    return { content: stored.content, problems: stored.problems };
  }

  remember(modulePath: string, entries: readonly CacheEntry[], emitted: { content: string; problems: SourceProblem[] }): void {
    const key = this.#key(modulePath, entries);
    if (key === undefined) return;
    this.#current[modulePath] = { key, content: emitted.content, problems: emitted.problems };
    this.#changed = true;
  }

  /** Writes the memo when a module was generated or dropped (best effort). */
  async save(): Promise<void> {
    const dropped = Object.keys(this.#previous).some((f) => !(f in this.#current));
    if (!this.#changed && !dropped) return;
    const stored: StoredMemo = { format: FORMAT, tool: this.#tool, modules: this.#current };
    await writeLocalState(this.#file, JSON.stringify(stored));
  }

  #key(modulePath: string, entries: readonly CacheEntry[]): string | undefined {
    const parts = [modulePath, this.#context];
    for (const entry of entries) {
      const digest = this.#entryDigests.get(entry);
      if (digest === undefined) return undefined;
      parts.push(digest);
    }
    return sha256Hex(parts.join('\0'));
  }
}

/** The digest an entry's file is known by (see ModuleMemo.open). */
export function entryTextDigest(text: string): string {
  return sha256Hex(text);
}

const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
