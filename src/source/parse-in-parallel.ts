/**
 * Parsing query files is CPU-bound (libpg-query lexes and parses in WebAssembly, a few µs per
 * token): 2000 queries take over a second on one core. A large batch is shared between the main
 * thread and worker threads, one per other core; results keep the order of the files. Small
 * batches, or a worker that cannot start (running from TypeScript sources, say), are parsed here.
 *
 * SQLSURE_PARSE_WORKERS: unset, as many workers as other cores for a large batch; 0, never; N,
 * exactly N workers for any batch of two files or more (tests use it to take the worker path).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import type { ParsedQueryFile } from './parse-query-file.js';

export interface ParseRequest {
  files: ReadonlyArray<{ file: string; text: string }>;
}

/** Below this many characters to parse, a worker's start-up (~60 ms) costs more than it saves. */
const PARALLEL_FROM_CHARS = 96 * 1024;
const MAX_WORKERS = 3;

export async function parseInParallel(
  files: ReadonlyArray<{ file: string; text: string }>,
  parseHere: (file: string, text: string) => Promise<ParsedQueryFile>,
  options: { env?: NodeJS.ProcessEnv; workerScript?: string } = {},
): Promise<ParsedQueryFile[]> {
  const workers = workerCount(files, options.env ?? process.env);
  const script = options.workerScript ?? workerScript();
  if (workers === 0 || !script) return sequential(files, parseHere);
  // Contiguous shares of about equal text length; the main thread takes the first.
  const shares = splitByLength(files, workers + 1);
  const [mine, ...theirs] = shares;
  // A worker that fails (cannot load, crashes, answers nonsense) leaves its share to this thread.
  const started = theirs.map((share) => inWorker(script, share).catch(() => undefined));
  const results: ParsedQueryFile[][] = [await sequential(mine!, parseHere)];
  for (const [i, running] of started.entries()) results.push((await running) ?? (await sequential(theirs[i]!, parseHere)));
  return results.flat();
}

function workerCount(files: ReadonlyArray<{ text: string }>, env: NodeJS.ProcessEnv): number {
  if (files.length < 2) return 0;
  const forced = env.SQLSURE_PARSE_WORKERS;
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, files.length - 1, 16) : 0;
  }
  const chars = files.reduce((sum, f) => sum + f.text.length, 0);
  if (chars < PARALLEL_FROM_CHARS) return 0;
  return Math.min(availableParallelism() - 1, MAX_WORKERS, files.length - 1);
}

/** The compiled worker next to this module; none when running from TypeScript sources. */
function workerScript(): string | undefined {
  const url = new URL('./parse-worker.js', import.meta.url);
  if (url.protocol !== 'file:') return undefined;
  const file = fileURLToPath(url);
  return existsSync(file) ? file : undefined;
}

async function sequential(files: ReadonlyArray<{ file: string; text: string }>, parseHere: (file: string, text: string) => Promise<ParsedQueryFile>): Promise<ParsedQueryFile[]> {
  const out: ParsedQueryFile[] = [];
  for (const f of files) out.push(await parseHere(f.file, f.text));
  return out;
}

function inWorker(script: string, files: ReadonlyArray<{ file: string; text: string }>): Promise<ParsedQueryFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    let settled = false;
    worker.once('message', (parsed: unknown) => {
      settled = true;
      if (Array.isArray(parsed) && parsed.length === files.length) resolve(parsed as ParsedQueryFile[]);
      else reject(new Error('the parse worker answered something else than one result per file'));
      void worker.terminate();
    });
    worker.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the parse worker exited with code ${code}`));
    });
    worker.postMessage({ files } satisfies ParseRequest);
  });
}

function splitByLength<T extends { text: string }>(files: readonly T[], parts: number): T[][] {
  const total = files.reduce((sum, f) => sum + f.text.length, 0);
  const shares: T[][] = [];
  let current: T[] = [];
  let done = 0;
  for (const [i, f] of files.entries()) {
    current.push(f);
    done += f.text.length;
    const filesLeft = files.length - i - 1;
    const sharesLeft = parts - shares.length - 1;
    // Close this share at its fair part of the text, keeping at least one file for each share to come.
    if (sharesLeft > 0 && (done >= (total * (shares.length + 1)) / parts || filesLeft === sharesLeft)) {
      shares.push(current);
      current = [];
    }
  }
  shares.push(current);
  return shares.filter((s) => s.length > 0);
}
