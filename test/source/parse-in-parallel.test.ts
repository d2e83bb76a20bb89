/**
 * A large batch of query files is parsed partly in worker threads (the compiled
 * dist/source/parse-worker.js, fresh since the global setup). Whatever the share each thread
 * gets, the results are those of parsing every file here, in the files' order: the same queries,
 * the same problems at the same places. The corpus is every .sql file of the test suite (broken
 * queries, pgtyped files, control characters, CRLF and BOMs among them).
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInParallel } from '../../src/source/parse-in-parallel.js';
import { parseQueryFile, type ParsedQueryFile } from '../../src/source/parse-query-file.js';
import { loadPgtypedParser, mayBePgtypedFile } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { REPO_ROOT } from '../support/project-dir.js';

const WORKER = path.join(REPO_ROOT, 'dist/source/parse-worker.js');
let files: Array<{ file: string; text: string }> = [];
let expected: ParsedQueryFile[] = [];
const parseHere = async (file: string, text: string) => {
  if (mayBePgtypedFile(text)) await loadPgtypedParser();
  return parseQueryFile(file, text);
};

beforeAll(async () => {
  await loadSqlParser();
  const found = (await glob('test/**/*.sql', { cwd: REPO_ROOT })).sort();
  files = found.map((f) => ({ file: f, text: readFileSync(path.join(REPO_ROOT, f), 'latin1') }));
  // Odd texts too: a NUL, an unterminated string at the very end, nothing at all.
  files.push({ file: 'odd/nul.sql', text: '-- name: A\nSELECT 1\0;\n' }, { file: 'odd/open.sql', text: "-- name: B\nSELECT 'abc" }, { file: 'odd/empty.sql', text: '' });
  expected = [];
  for (const f of files) expected.push(await parseHere(f.file, f.text));
});

describe('parseInParallel', () => {
  it('the corpus has broken and pgtyped files, so the comparison means something', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(expected.some((p) => p.problems.length > 0)).toBe(true);
    expect(files.some((f) => mayBePgtypedFile(f.text))).toBe(true);
  });

  it.each([1, 3])('with %d worker(s), gives what parsing every file here gives, in order', async (workers) => {
    const got = await parseInParallel(files, parseHere, { env: { SQLSURE_PARSE_WORKERS: String(workers) }, workerScript: WORKER });
    expect(got).toEqual(expected);
  });

  describe('when a worker cannot do its share', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'sqlsure-parse-worker-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['throws on start', 'throw new Error("no");'],
      ['exits without answering', 'process.exit(3);'],
      ['answers something else', "import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => parentPort.postMessage([]));"],
    ])('(it %s) its share is parsed here, with the same outcome', async (_, body) => {
      const script = path.join(dir, `${_.replace(/\W+/g, '-')}.mjs`);
      writeFileSync(script, body);
      const some = files.slice(0, 40);
      const got = await parseInParallel(some, parseHere, { env: { SQLSURE_PARSE_WORKERS: '2' }, workerScript: script });
      expect(got).toEqual(expected.slice(0, 40));
    });
  });

  it('small batches stay on this thread unless workers are asked for; SQLSURE_PARSE_WORKERS=0 never uses one', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-worker.js');
    // A worker script that does not exist would fall back anyway: the outcome is what is compared.
    await expect(parseInParallel(files.slice(0, 3), parseHere, { env: {}, workerScript: missing })).resolves.toEqual(expected.slice(0, 3));
    await expect(parseInParallel(files, parseHere, { env: { SQLSURE_PARSE_WORKERS: '0' }, workerScript: missing })).resolves.toEqual(expected);
  });
});
