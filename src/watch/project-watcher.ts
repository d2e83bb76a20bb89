/**
 * File events of the project, for `prepare --watch`: the query and migration folders and the
 * TypeScript source folders (with their subfolders), and the config file.
 *
 * Every folder is watched on its own (not with `recursive: true`): Node 20's recursive watch on
 * Linux follows files, and loses one an editor replaces by renaming a new file over it (`sed -i`,
 * vim, most IDEs' safe write); a folder's own watch sees every entry written, created, renamed or
 * removed. A folder that appears or vanishes marks the watcher stale and the next cycle re-arms it.
 * Each target's parent is watched too, so a deleted query folder that comes back is noticed.
 *
 * Only what prepare reads counts: `.sql` and TypeScript files, folders, the config file. Paths in
 * the generated and cache folders, node_modules and editors' temporary files are ignored, so
 * prepare's own writes never start another cycle.
  */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchTargets {
  /** The project root: node_modules below it is never watched for changes. */
  root: string;
  /** Absolute folders watched recursively. */
  folders: string[];
  /** Absolute files (the config). */
  files: string[];
  /** Absolute folders whose events are prepare's own output. */
  ignored: string[];
}

export class ProjectWatcher {
  #watchers: FSWatcher[] = [];
  #key = '';
  #targets: WatchTargets = { root: '', folders: [], files: [], ignored: [] };
  #stale = false;
  /** Every folder watched through its own watcher. */
  readonly #dirs = new Set<string>();

  /** `onChange` gets the absolute path of each relevant event. */
  constructor(private readonly onChange: (file: string) => void) {}

  /** Watches these targets; a no-op when they are what is watched already and nothing broke. */
  arm(targets: WatchTargets): void {
    const key = JSON.stringify(targets);
    if (key === this.#key && !this.#stale) return;
    this.close();
    this.#key = key;
    this.#targets = targets;
    this.#stale = false;
    const parents = new Map<string, Set<string>>();
    for (const target of [...targets.folders, ...targets.files]) {
      const parent = path.dirname(target);
      if (!parents.has(parent)) parents.set(parent, new Set());
      parents.get(parent)!.add(path.basename(target));
    }
    for (const folder of targets.folders) {
      for (const dir of this.#folderTree(folder)) {
        this.#dirs.add(dir);
        this.#add(dir, (name) => this.#event(path.join(dir, name)));
      }
    }
    for (const [parent, names] of parents) {
      if (!existsSync(parent)) continue;
      this.#add(parent, (name) => {
        if (!names.has(name)) return;
        const target = path.join(parent, name);
        // A watched folder appeared or went away: watch it afresh on the next arm.
        if (targets.folders.includes(target)) this.#stale = true;
        this.#event(target);
      });
    }
  }

  close(): void {
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
    this.#dirs.clear();
    this.#key = '';
  }

  /** The folder and its subfolders, except node_modules and the ignored ones. */
  #folderTree(folder: string): string[] {
    const found: string[] = [];
    const visit = (dir: string): void => {
      if (this.#isIgnored(dir)) return;
      found.push(dir);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) if (e.isDirectory()) visit(path.join(dir, e.name));
    };
    if (existsSync(folder)) visit(folder);
    return found;
  }

  #add(dir: string, onName: (name: string) => void): void {
    try {
      const w = watch(dir, { persistent: true }, (_event, name) => {
        if (name) onName(name.toString());
      });
      w.on('error', () => {
        // The folder was removed under the watcher: re-arm (it may come back) and run a cycle.
        this.#stale = true;
        this.#event(dir);
      });
      this.#watchers.push(w);
    } catch {
      this.#stale = true;
    }
  }

  #event(file: string): void {
    if (this.#isIgnored(file)) return;
    if (this.#dirs.has(file)) {
      // A watched subfolder was removed or renamed.
      this.#stale = true;
      this.onChange(file);
      return;
    }
    if (RELEVANT.test(file) || this.#targets.files.includes(file) || this.#targets.folders.includes(file)) {
      this.onChange(file);
      return;
    }
    if (isFolder(file)) {
      // A new subfolder: watch it from the next cycle on (that cycle reads what it holds).
      this.#stale = true;
      this.onChange(file);
    }
  }

  #isIgnored(file: string): boolean {
    if (file.endsWith('.tmp') || path.relative(this.#targets.root, file).split(path.sep).includes('node_modules')) return true;
    return this.#targets.ignored.some((dir) => file === dir || file.startsWith(dir + path.sep));
  }

  /** Whether a watcher broke or a watched folder appeared or vanished since the last arm. */
  get stale(): boolean {
    return this.#stale;
  }
}

/** Files prepare reads from the watched folders: SQL and TypeScript sources. */
const RELEVANT = /\.(sql|ts|tsx|mts|cts)$/i;

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
