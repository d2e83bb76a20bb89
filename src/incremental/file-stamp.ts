/**
 * What sqlsure remembers about a file it wrote, to tell cheaply whether it is still exactly those
 * bytes: size and modification time first (one stat, as git's index does), and only when those
 * moved, the content digest (a checkout or a `touch` that changed nothing is still unchanged).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readIfExists } from '../cache/atomic-write.js';

/** More than the coarsest file-time granularity Linux uses (one jiffy at HZ=100). */
const RACY_TICK_MS = 20;

export interface FileStamp {
  /** sha1 of the bytes: change detection, not security. */
  digest: string;
  size: number;
  mtimeMs: number;
}

export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The stamp of a file that should hold the bytes with `digest`: undefined if it does not (it was
 * edited meanwhile). The stat comes first, so an edit racing with this call shows up later as a
 * newer modification time, never as a stamp that vouches for bytes it did not see.
 */
export function stampFile(file: string, digest: string): FileStamp | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  const text = readIfExists(file);
  if (!stat || text === undefined || digestOf(text) !== digest) return undefined;
  return { digest, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Whether `file` still holds the stamped bytes. File times tick coarsely (a few milliseconds), so
 * a stamp taken within a tick of `racyAfterMs` — when the state was saved — cannot tell a later
 * same-size edit in that tick from the original (git's "racy clean" case): its content is checked.
 */
/** The stamp of a file this run has just written, or found already holding, `text`'s bytes. */
export function stampWritten(file: string, text: string): FileStamp | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? { digest: digestOf(text), size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
}

export function stillStamped(file: string, stamp: FileStamp | undefined, racyAfterMs: number): boolean {
  if (!stamp) return false;
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat || stat.size !== stamp.size) return false;
  if (stat.mtimeMs === stamp.mtimeMs && stamp.mtimeMs < racyAfterMs - RACY_TICK_MS) return true;
  const text = readIfExists(file);
  return text !== undefined && digestOf(text) === stamp.digest;
}
