/** The reporters' building blocks on hostile input: escaping, code frames, colour decisions. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/report/color-choice.js';
import { codeFrame } from '../../src/report/code-frame.js';
import { escapeData, escapeProperty, githubAnnotation } from '../../src/report/github-annotation.js';
import { Reporter } from '../../src/report/reporter.js';

const plain = pc.createColors(false);

describe('github annotations', () => {
  it('escape %, CR and LF in the message, and : and , too in properties', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const line = githubAnnotation(
      { file: 'queries/a,b:c.sql', position: { line: 2, column: 3 }, message: 'bad\n::error::forged', code: '42601', query: 'Q' },
      { start: { line: 2, column: 3 }, end: { line: 2, column: 5 } },
      '/p',
      '/p',
    );
    expect(line).toBe('::error file=queries/a%2Cb%3Ac.sql,line=2,col=3,endLine=2,endColumn=5,title=sqlsure [42601] Q::bad%0A::error::forged');
    // One line, whatever the message: a forged command cannot start a line of its own.
    expect(line.split('\n')).toHaveLength(1);
  });

  it('make file= relative to the workspace, not the project root', () => {
    const line = githubAnnotation({ file: 'queries/a.sql', position: { line: 1, column: 1 }, message: 'm' }, undefined, '/ws/apps/api', '/ws');
    expect(line).toBe('::error file=apps/api/queries/a.sql,title=sqlsure::m');
  });
});

describe('code frame', () => {
  it('puts the caret under the token, through tabs and control characters', () => {
    const frame = codeFrame(['\tSELECT \u001b[31memial FROM t'], { start: { line: 1, column: 14 }, end: { line: 1, column: 19 } }, plain);
    expect(frame).toBe('  1 |   SELECT \\u001b[31memial FROM t\n    | ' + ' '.repeat(19) + '^^^^^');
  });

  it('has no frame for a line that is not there', () => {
    expect(codeFrame(['x'], { start: { line: 3, column: 1 }, end: { line: 3, column: 2 } }, plain)).toBeUndefined();
  });
});

describe('colour decision', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [pipe, {}, false],
    [pipe, { CI: 'true' }, false],
    [pipe, { FORCE_COLOR: '1' }, true],
    [pipe, { FORCE_COLOR: '0' }, false],
    [tty, {}, true],
    [tty, { TERM: 'dumb' }, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '' }, true],
    [tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ])('%o with %o → %s', (stream, env, expected) => {
    expect(wantsColor(stream, env as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe('json reporter', () => {
  it('prints one document, with the token extent found in the source', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sqlsure-report-'));
    await writeFile(path.join(root, 'q.sql'), '-- name: Q :one\r\nSELECT "Emial" FROM t;\r\n');
    let out = '';
    const r = new Reporter('json', 'check', root, { output: { stdout: (t) => (out += t), stderr: () => {} }, colors: plain });
    r.report([{ file: 'q.sql', position: { line: 2, column: 8 }, message: 'm', code: '42703', query: 'Q' }]);
    expect(out).toBe('');
    r.finish(1, { queries: 1 });
    const doc = JSON.parse(out);
    expect(doc.problems[0]).toMatchObject({ line: 2, column: 8, endLine: 2, endColumn: 15, sqlstate: '42703', query: 'Q', hint: null });
    expect(doc.summary).toEqual({ queries: 1, problems: 1, errors: 1, warnings: 0 });
    expect(out.endsWith('}\n')).toBe(true);
  });
});
