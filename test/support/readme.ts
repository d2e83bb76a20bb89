/** The README, read the way its tests need it: sections, tables, code blocks and inline code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './project-dir.js';

export const README_PATH = path.join(REPO_ROOT, 'README.md');

export function readme(): string {
  return readFileSync(README_PATH, 'utf8');
}

/** The text under a `## Title` heading, up to the next heading of the same or a higher level. */
export function readmeSection(title: string, text = readme()): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first Markdown table in `text` (header and separator left out), cell by cell. */
export function firstTable(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l, i) => l.startsWith('|') && /^\|[\s|:-]+\|$/.test(lines[i + 1] ?? ''));
  if (start < 0) throw new Error('no table');
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(splitRow(line));
  }
  return rows;
}

function splitRow(line: string): string[] {
  // `\|` inside a cell is an escaped pipe, not a cell boundary.
  return line.slice(1, line.endsWith('|') ? -1 : undefined).split(/(?<!\\)\|/).map((c) => c.trim());
}

export interface CodeBlock {
  lang: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The `<!-- marker -->` comment right above the fence, if any. */
  marker?: string;
}

export function codeBlocks(text = readme()): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^${indent}\`\`\`\\s*$`).test(lines[j]!); j++) body.push(lines[j]!.slice(indent.length));
    const marker = /^<!-- (.+) -->$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ lang: open[2]!, body: body.join('\n'), line: i + 1, ...(marker ? { marker } : {}) });
    i = j;
  }
  return blocks;
}

/** Inline `code` spans outside fenced blocks (a span may wrap onto the next line), with their line. */
export function inlineCode(text = readme()): Array<{ code: string; line: number }> {
  let fenced = false;
  // Fenced lines become empty, so offsets still map to the README's own lines.
  const prose = text
    .split('\n')
    .map((l) => {
      if (/^\s*```/.test(l)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : l;
    })
    .join('\n')
    // A backslash-escaped backtick (in a table cell) is text, not a delimiter.
    .replace(/\\`/g, '\u0000');
  const spans: Array<{ code: string; line: number }> = [];
  // ``a `b` c`` first: a double-backtick span may hold single backticks.
  for (const m of prose.matchAll(/``\s?([^]+?)\s?``|`([^`]+)`/g)) {
    const code = m[1] ?? m[2]!;
    if (code.includes('\n\n')) continue;
    spans.push({ code: code.replace(/\s*\n\s*/g, ' ').replace(/\u0000/g, '`'), line: prose.slice(0, m.index).split('\n').length });
  }
  return spans;
}

/** The JSON block marked `<!-- name -->` in the README. */
export function markedJson<T>(name: string): T {
  const block = codeBlocks().find((b) => b.marker === name);
  if (!block) throw new Error(`README has no code block marked <!-- ${name} -->`);
  return JSON.parse(block.body) as T;
}
