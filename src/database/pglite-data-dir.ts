/**
 * The embedded database's data directory as one tar image, and back: what a snapshot stores.
 *
 * PGlite's own path (`dumpDataDir` / `loadDataDir`) walks the in-memory filesystem through path
 * look-ups for every file and every parent folder, and copies every file twice; loading the
 * data directory of 168 migrations took the larger part of starting from a snapshot. Here the
 * image is written with one copy per file and read back without copying at all: each file of the
 * restored directory is a view of the image (Emscripten's MEMFS takes ownership of it).
 *
 * The image is taken right after a CHECKPOINT (the caller's job), so the data files themselves
 * hold every change and the next start replays almost no WAL.
 */
import type { MemoryFS, PGlite, PGliteOptions } from '@electric-sql/pglite';

type Filesystem = NonNullable<PGliteOptions['fs']>;

/** Where PGlite keeps PGDATA in its in-memory filesystem. */
export const PGLITE_DATA_DIR = '/pglite/data';

const BLOCK = 512;
const REGULAR = 0x30; // '0'
const DIRECTORY = 0x35; // '5'

/** The part of Emscripten's FS API used here. */
interface EmscriptenFs {
  readdir(path: string): string[];
  stat(path: string): { mode: number; size: number; mtime: Date };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  open(path: string, flags: string): unknown;
  read(stream: unknown, buffer: Uint8Array, offset: number, length: number, position: number): number;
  close(stream: unknown): void;
  mkdir(path: string, mode?: number): void;
  mkdirTree(path: string, mode?: number): void;
  writeFile(path: string, data: Uint8Array, options?: { canOwn?: boolean }): void;
  analyzePath(path: string): { exists: boolean };
}

interface Entry {
  /** Relative to the data directory; folders end with '/'. */
  name: string;
  mode: number;
  size: number;
  mtime: number;
  dir: boolean;
}

/** The data directory of an open PGlite (idle: no query running) as a tar image. */
export function captureDataDir(db: PGlite): Uint8Array {
  const fs = db.Module.FS as unknown as EmscriptenFs;
  if (!fs.analyzePath(`${PGLITE_DATA_DIR}/PG_VERSION`).exists) {
    throw new Error(`this PGlite does not keep its data directory at ${PGLITE_DATA_DIR}: snapshots cannot be taken`);
  }
  const entries: Entry[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdir(dir).sort()) {
      if (name === '.' || name === '..') continue;
      const st = fs.stat(`${dir}/${name}`);
      const dirEntry = fs.isDir(st.mode);
      if (!dirEntry && !fs.isFile(st.mode)) continue; // PostgreSQL's data directory holds only these
      entries.push({ name: rel + name + (dirEntry ? '/' : ''), mode: st.mode & 0o7777, size: dirEntry ? 0 : st.size, mtime: Math.floor(st.mtime.getTime() / 1000), dir: dirEntry });
      if (dirEntry) walk(`${dir}/${name}`, `${rel}${name}/`);
    }
  };
  walk(PGLITE_DATA_DIR, '');
  let total = 2 * BLOCK;
  for (const e of entries) total += BLOCK + padded(e.size);
  const image = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    writeHeader(image, at, e);
    at += BLOCK;
    if (e.dir || e.size === 0) continue;
    const stream = fs.open(`${PGLITE_DATA_DIR}/${e.name}`, 'r');
    try {
      if (fs.read(stream, image, at, e.size, 0) !== e.size) throw new Error(`${e.name} changed while the snapshot was taken`);
    } finally {
      fs.close(stream);
    }
    at += padded(e.size);
  }
  return image;
}

/**
 * A filesystem for `new PGlite({ fs })` that starts with the data directory of `image` in place:
 * PGlite then finds a database and resumes it instead of running initdb.
 */
export function restoringFileSystem(MemoryFSClass: typeof MemoryFS, image: Uint8Array): Filesystem {
  class RestoringFS extends MemoryFSClass {
    override async initialSyncFs(): Promise<void> {
      await super.initialSyncFs();
      restoreDataDir(this.pg!.Module.FS as unknown as EmscriptenFs, image);
    }
  }
  return new RestoringFS();
}

function restoreDataDir(fs: EmscriptenFs, image: Uint8Array): void {
  fs.mkdirTree(PGLITE_DATA_DIR, 0o700);
  for (const e of readEntries(image)) {
    const target = `${PGLITE_DATA_DIR}/${e.name.replace(/\/$/, '')}`;
    if (e.dir) fs.mkdir(target, e.mode || 0o700);
    // A view, not a copy: MEMFS owns it from now on (the image is never used again).
    else fs.writeFile(target, e.data, { canOwn: true });
  }
}

/** The entries of a tar image this module wrote (ustar, regular files and folders only). */
export function* readEntries(image: Uint8Array): Generator<Entry & { data: Uint8Array }> {
  let at = 0;
  while (at + BLOCK <= image.length) {
    const header = image.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return;
    if (checksum(header) !== octal(header, 148, 8)) throw new Error(`a damaged data directory image (header at byte ${at})`);
    const prefix = text(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + text(header, 0, 100);
    const size = octal(header, 124, 12);
    const type = header[156];
    const dir = type === DIRECTORY;
    if (!dir && type !== REGULAR && type !== 0) throw new Error(`a data directory image with an entry of type ${String.fromCharCode(type!)}: ${name}`);
    at += BLOCK;
    if (at + size > image.length) throw new Error(`a truncated data directory image (${name})`);
    yield { name, mode: octal(header, 100, 8), size, mtime: octal(header, 136, 12), dir, data: image.subarray(at, at + size) };
    at += padded(size);
  }
  throw new Error('a truncated data directory image (no end marker)');
}

function writeHeader(image: Uint8Array, at: number, e: Entry): void {
  const header = image.subarray(at, at + BLOCK);
  let name = e.name;
  let prefix = '';
  if (name.length > 100) {
    // ustar's prefix field: the first '/' that leaves at most 100 characters after it.
    const split = name.indexOf('/', name.length - 101);
    if (split <= 0 || split > 155 || split === name.length - 1) throw new Error(`a path too long for the data directory image: ${name}`);
    prefix = name.slice(0, split);
    name = name.slice(split + 1);
  }
  putText(header, 0, 100, name);
  putOctal(header, 100, 8, e.mode);
  putOctal(header, 108, 8, 0);
  putOctal(header, 116, 8, 0);
  putOctal(header, 124, 12, e.size);
  putOctal(header, 136, 12, e.mtime);
  header[156] = e.dir ? DIRECTORY : REGULAR;
  putText(header, 257, 6, 'ustar');
  putText(header, 263, 2, '00');
  putText(header, 345, 155, prefix);
  putOctal(header, 148, 7, checksum(header));
}

/** The sum of the header's bytes with its checksum field counted as spaces. */
function checksum(header: Uint8Array): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += header[i]!;
  return sum;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

function putText(header: Uint8Array, at: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`"${value}" does not fit a tar header field`);
  header.set(bytes, at);
}

/** Zero-padded octal digits and a NUL, as tar writes numbers. */
function putOctal(header: Uint8Array, at: number, length: number, value: number): void {
  putText(header, at, length, value.toString(8).padStart(length - 1, '0'));
}

function text(header: Uint8Array, at: number, length: number): string {
  const field = header.subarray(at, at + length);
  const end = field.indexOf(0);
  return Buffer.from(field.subarray(0, end < 0 ? length : end)).toString('utf8');
}

function octal(header: Uint8Array, at: number, length: number): number {
  const digits = text(header, at, length).trim();
  return digits ? parseInt(digits, 8) : 0;
}
