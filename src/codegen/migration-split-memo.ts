/**
 * Which manifest entries this sqlsure has checked against PostgreSQL's parser itself, remembered
 * outside the project (local-state-file.ts). The committed manifest is input like any other: an
 * entry is trusted only when this machine's parser produced or confirmed it, so a hand-edited
 * manifest cannot smuggle a cut or merged statement into generated/_migrations.ts — while a
 * `check` with nothing new still never loads the parser.
 */
import { createHash } from 'node:crypto';
import { readIfExists } from '../cache/atomic-write.js';
import type { ManifestEntry } from '../cache/migrations-manifest.js';
import { snapshotDirFor } from '../database/pglite-snapshot.js';
import { localStateFile, writeLocalState } from '../incremental/local-state-file.js';
import { toolIdentity } from '../incremental/tool-identity.js';

export class MigrationSplitMemo {
  readonly #file: string;
  readonly #known: Set<string>;
  #changed = false;

  private constructor(file: string, known: Set<string>) {
    this.#file = file;
    this.#known = known;
  }

  static async open(root: string): Promise<MigrationSplitMemo> {
    const dir = snapshotDirFor(root);
    const file = localStateFile(dir, 'migration-splits', root, await toolIdentity(dir));
    let known: string[] = [];
    try {
      const parsed = JSON.parse(readIfExists(file) ?? '[]') as unknown;
      if (Array.isArray(parsed)) known = parsed.filter((k): k is string => typeof k === 'string');
    } catch {
      // unreadable: verify again
    }
    return new MigrationSplitMemo(file, new Set(known));
  }

  has(entry: ManifestEntry): boolean {
    return this.#known.has(keyOf(entry));
  }

  add(entry: ManifestEntry): void {
    const key = keyOf(entry);
    if (this.#known.has(key)) return;
    this.#known.add(key);
    this.#changed = true;
  }

  async save(): Promise<void> {
    if (this.#changed) await writeLocalState(this.#file, JSON.stringify([...this.#known].sort()));
  }
}

function keyOf(entry: ManifestEntry): string {
  return createHash('sha256').update(`${entry.sha384}\0${JSON.stringify(entry.statements)}`).digest('hex');
}
