/** Reports print names from the schema and the file system: they must not drive the terminal. */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/report/format-problem.js';

/** Without the report's own colours, which are the only escapes it may print. */
const plain = (text: string): string => text.replace(/\u001b\[\d+m/g, '');

describe('problems printed to a terminal', () => {
  it('show control characters and bidi overrides as escapes, and keep the location on one line', () => {
    const text = plain(formatProblem({
      file: 'queries/a\nfake.sql:1:1: error: spoofed\u202e.sql',
      position: { line: 3, column: 7 },
      message: 'enum "\u001b[2K\r\u001b[32mok\u001b[0m" and "x\u0007" clash',
      hint: 'rename \u009b31m it',
      code: '42\u001b7',
    }));
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text.split('\n')[0]).toContain('queries/a\\nfake.sql:1:1: error: spoofed\\u202e.sql:3:7');
    expect(text).toContain('enum "\\u001b[2K\\u000d\\u001b[32mok\\u001b[0m" and "x\\u0007" clash');
    expect(text).toContain('rename \\u009b31m it');
  });

  it('leave ordinary text alone', () => {
    const text = plain(formatProblem({ file: 'queries/ü.sql', position: { line: 1, column: 2 }, message: 'column "naïve" does not exist\nsecond line' }));
    expect(text).toContain('queries/ü.sql:1:2');
    expect(text).toContain('column "naïve" does not exist\nsecond line');
  });
});
