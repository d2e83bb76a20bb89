/**
 * A worker thread that parses query files (parse-in-parallel.ts hands it a share of a large
 * batch). It loads the SQL parser, and the pgtyped parser when a file needs it, parses each file
 * as the main thread would, and posts the results back in order.
 */
import { parentPort } from 'node:worker_threads';
import { parseQueryFile } from './parse-query-file.js';
import { loadPgtypedParser, mayBePgtypedFile } from './pgtyped-parser.js';
import { loadSqlParser } from './sql-scanner.js';
import type { ParseRequest } from './parse-in-parallel.js';

parentPort?.once('message', async ({ files }: ParseRequest) => {
  await loadSqlParser();
  if (files.some((f) => mayBePgtypedFile(f.text))) await loadPgtypedParser();
  parentPort!.postMessage(files.map((f) => parseQueryFile(f.file, f.text)));
});
