/**
 * Every command the README shows — in shell blocks, the CI workflow, the command synopses and
 * inline code — is one the CLI accepts: the subcommand exists, each flag belongs to that
 * subcommand (read from its --help, not a hand-kept list), each literal value of a flag with
 * choices is one of them, and each command and flag is exercised by some test. Commands that are
 * not sqlsure's (npm, npx tsc, npx tsx) are mapped to what runs them. The 30-second example is run
 * as written: its migration and query prepared, the generated module compared with the README.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSurface, type CliCommand } from '../support/cli-surface.js';
import { makeProject, removeProject, REPO_ROOT, runCli } from '../support/project-dir.js';
import { codeBlocks, inlineCode, readme, readmeSection } from '../support/readme.js';

type Mode = 'exact' | 'synopsis' | 'inline';
/** The 30-second example starts the embedded PostgreSQL in a spawned CLI. */
const SLOW = 300_000;
interface Shown {
  text: string;
  line: number;
  mode: Mode;
}

/** Shell-ish words: quotes removed, `# comments` and `> file` redirections dropped. */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3]!;
    if (m[3] !== undefined && word.startsWith('#')) break;
    out.push(word);
  }
  const redirect = out.findIndex((w) => w === '>' || w === '>>');
  return redirect < 0 ? out : out.slice(0, redirect);
}

/** Inline code that quotes what sqlsure prints, not a command line. */
const PRINTED_MESSAGES = new Set(['sqlsure itself changed…']);

function shownCommands(): Shown[] {
  const shown: Shown[] = [];
  for (const block of codeBlocks()) {
    const lines = block.body.split('\n');
    lines.forEach((raw, i) => {
      const line = block.line + 1 + i;
      if (block.lang === 'sh' || block.lang === 'bash') {
        if (raw.trim() && !raw.trim().startsWith('#')) for (const part of raw.split('&&')) shown.push({ text: part.trim(), line, mode: 'exact' });
      } else if (block.lang === 'yaml') {
        const run = /^\s*-?\s*run:\s*(.+)$/.exec(raw);
        if (run) shown.push({ text: run[1]!, line, mode: 'exact' });
      } else if (block.lang === '' && /^sqlsure\s/.test(raw)) {
        shown.push({ text: raw, line, mode: 'synopsis' });
      }
    });
  }
  for (const { code, line } of inlineCode()) {
    if (PRINTED_MESSAGES.has(code)) continue;
    if (/^(?:[A-Z_]+=\S*\s+)*(?:npx\s+)?sqlsure\s/.test(code) || /^(?:[A-Z_]+=\S*\s+)*(?:npm|npx|bash)\s/.test(code)) {
      for (const part of code.split('&&')) shown.push({ text: part.trim(), line, mode: 'inline' });
    }
  }
  return shown;
}

const surface = await cliSurface();
const testSources = (() => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|mts|mjs)$/.test(entry.name) && full !== fileURLPathOfThisTest()) files.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(REPO_ROOT, 'test'));
  return files.join('\n');
})();

function fileURLPathOfThisTest(): string {
  return path.join(REPO_ROOT, 'test/e2e/readme-commands.test.ts');
}

interface Used {
  command: string;
  flags: Set<string>;
}

/** Checks one sqlsure invocation (the words after `sqlsure`); returns its problems and what it used. */
function checkSqlsure(args: string[], mode: Mode): { problems: string[]; used: Used[] } {
  const problems: string[] = [];
  const used: Used[] = [];
  const walk = (command: CliCommand, rest: string[]): void => {
    const [next, ...after] = rest;
    if (command.subcommands.length && next !== undefined && !next.startsWith('-') && !next.startsWith('[')) {
      if (/^<.+>$/.test(next)) return; // `sqlsure <command> --help`: any command
      // `create | drop | reset`: each alternative with the rest.
      const alternatives = [next];
      let i = 0;
      while (after[i] === '|' && after[i + 1] !== undefined) {
        alternatives.push(after[i + 1]!);
        i += 2;
      }
      for (const alt of alternatives) {
        if (!command.subcommands.includes(alt)) {
          problems.push(`"${[...command.path, alt].join(' ')}" is not a command (sqlsure ${command.path.join(' ')} has ${command.subcommands.join(', ')})`);
          continue;
        }
        walk(surface.get([...command.path, alt].join(' '))!, after.slice(i));
      }
      return;
    }
    if (command.subcommands.length && command.path.length && mode === 'exact') {
      problems.push(`"sqlsure ${command.path.join(' ')}" needs a subcommand (${command.subcommands.join(', ')})`);
    }
    const flags = new Set<string>();
    used.push({ command: command.path.join(' '), flags });
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!.replace(/^\[+|\]+$/g, '');
      if (!word || word === '|') continue;
      const long = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(word);
      const short = /^-([a-z])$/.exec(word);
      if (long || short) {
        const flag = long ? command.flags.get(long[1]!) : [...command.flags.values()].find((f) => f.alias === short![1]);
        if (!flag) {
          problems.push(`sqlsure ${command.path.join(' ')} has no flag ${word}`);
          continue;
        }
        flags.add(flag.name);
        if (flag.type === 'boolean') continue;
        let value = long?.[2];
        if (value === undefined && rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('-')) value = rest[++i]!.replace(/\]+$/, '');
        if (flag.choices && value !== undefined) {
          for (const v of value.split('|')) {
            if (/^[a-z]+$/.test(v) && !flag.choices.includes(v)) problems.push(`--${flag.name} ${v}: not one of ${flag.choices.join(', ')}`);
          }
        }
        continue;
      }
      if (mode === 'synopsis') continue; // synopses describe arguments in words
      if (!command.positionals.length && !/^<.+>$|^…$/.test(word)) problems.push(`sqlsure ${command.path.join(' ')} takes no argument "${word}"`);
    }
  };
  walk(surface.get('')!, args);
  return { problems, used };
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const ciScript = readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8');

/** Commands that are not sqlsure's, and what exercises them; undefined = not known. */
function checkOther(w: string[]): string | undefined {
  const [tool, sub, ...rest] = w;
  const ci = (cmd: string) => (ciScript.includes(cmd) ? 'ok' : `.ci/run does not run "${cmd}"`);
  if (tool === 'npm' && sub === 'run') return pkg.scripts[rest[0]!] ? 'ok' : `package.json has no script "${rest[0]}"`;
  if (tool === 'npm' && (sub === 'ci' || sub === 'test')) return ci(`npm ${sub}`);
  if (tool === 'npm' && sub === 'pack') {
    return readFileSync(path.join(REPO_ROOT, 'test/e2e/package-contents.test.ts'), 'utf8').includes("'pack'") ? 'ok' : 'no test packs the package';
  }
  if (tool === 'npm' && sub === 'install' && rest.includes('--save-dev') && rest.some((r) => r.endsWith('.tgz'))) {
    // Installing the tarball: package-contents.test.ts pins what it ships and that it runs no
    // install script; init.test.ts runs init/prepare/check where sqlsure resolves from node_modules.
    return existsSync(path.join(REPO_ROOT, 'test/e2e/init.test.ts')) ? 'ok' : 'no init test';
  }
  if (tool === 'bash') return existsSync(path.join(REPO_ROOT, sub!)) ? 'ok' : `${sub} does not exist`;
  if (tool === 'npx' && sub === 'vitest') return pkg.scripts.test?.startsWith('vitest run') ? 'ok' : 'npm test does not run vitest';
  if (tool === 'npx' && sub === 'tsc') return ci(['npx tsc', ...rest].join(' '));
  if (tool === 'npx' && sub === 'tsx') {
    if (!existsSync(path.join(REPO_ROOT, rest[0]!)) || !statSync(path.join(REPO_ROOT, rest[0]!)).isFile()) return `${rest[0]} does not exist`;
    return testSources.includes(`'${rest[0]}'`) ? 'ok' : `no test runs ${rest[0]}`;
  }
  return undefined;
}

describe('README commands', () => {
  const shown = shownCommands();

  it('finds the commands the README shows', () => {
    const texts = shown.map((s) => words(s.text).join(' '));
    expect(texts).toContain('npx sqlsure init');
    expect(texts).toContain('npx sqlsure check --reporter github');
    expect(shown.filter((s) => s.mode === 'synopsis').length).toBeGreaterThan(10);
  });

  it('each sqlsure command, flag and choice is one the CLI accepts', () => {
    const problems: string[] = [];
    for (const s of shown) {
      const w = words(s.text);
      while (w[0] && /^[A-Z_]+=/.test(w[0])) w.shift();
      if (w[0] === 'npx' && w[1] === 'sqlsure') w.shift();
      if (w[0] !== 'sqlsure') continue;
      for (const p of checkSqlsure(w.slice(1), s.mode).problems) problems.push(`README.md:${s.line}: \`${s.text}\`: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('each other command is mapped to what runs it', () => {
    const problems: string[] = [];
    for (const s of shown) {
      const w = words(s.text);
      while (w[0] && /^[A-Z_]+=/.test(w[0])) w.shift();
      if (w[0] === 'sqlsure' || (w[0] === 'npx' && w[1] === 'sqlsure')) continue;
      const verdict = checkOther(w);
      if (verdict !== 'ok') problems.push(`README.md:${s.line}: \`${s.text}\`: ${verdict ?? 'not a known command: map it to the test that exercises it'}`);
    }
    expect(problems).toEqual([]);
  });

  it('each command and flag it shows is exercised by a test', () => {
    const missing = new Set<string>();
    for (const s of shown) {
      const w = words(s.text);
      while (w[0] && /^[A-Z_]+=/.test(w[0])) w.shift();
      if (w[0] === 'npx' && w[1] === 'sqlsure') w.shift();
      if (w[0] !== 'sqlsure') continue;
      for (const { command, flags } of checkSqlsure(w.slice(1), s.mode).used) {
        const parts = command.split(' ').filter(Boolean);
        if (parts.length) {
          const invoked = new RegExp(parts.map((p) => `['"]${p}['"]`).join(',\\s*'));
          // The in-process migrate helper takes the same words as the CLI: migrateInProcess('run', …).
          const inProcess = parts[0] === 'migrate' && new RegExp(`(?:runMigrate|migrateInProcess|migrate)\\w*\\(\\s*['"]${parts[1]}['"]`).test(testSources);
          if (!invoked.test(testSources) && !inProcess) missing.add(`command "sqlsure ${command}"`);
        }
        const cmd = surface.get(command)!;
        for (const name of flags) {
          const flag = cmd.flags.get(name)!;
          // As a CLI argument in some test: `'--name'` (or `'--name=…'`), or its alias `'-x'`.
          const literal = new RegExp(`['"\`]--${name}(?:['"\`=\\s])|['"]-${flag.alias ?? '\\0'}['"]`);
          if (!literal.test(testSources)) missing.add(`flag --${name} of "sqlsure ${command}"`);
        }
      }
    }
    expect([...missing].sort()).toEqual([]);
  });
});

describe('README links', () => {
  it('every #anchor names a heading (GitHub\'s slugs)', () => {
    const text = readme();
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replace(/ /g, '-');
    const prose = text.replace(/^\s*```[^]*?^\s*```/gm, '');
    const headings = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
    const broken = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!).filter((a) => !headings.has(a));
    expect(broken).toEqual([]);
  });
});

describe('README "In 30 seconds"', () => {
  it('prepares and checks as shown, and writes the module the README shows', async () => {
    const section = readmeSection('In 30 seconds');
    const blocks = codeBlocks(section);
    const sql = blocks.find((b) => b.lang === 'sql')!.body;
    const shownModule = blocks.find((b) => b.lang === 'ts')!.body;
    // The SQL block holds files, each introduced by a `-- path` comment line.
    const files: Record<string, string> = {};
    let current: string | undefined;
    for (const line of sql.split('\n')) {
      const header = /^-- ((?:migrations|queries)\/\S+\.sql)$/.exec(line);
      if (header) current = header[1]!;
      else if (current) files[current] = (files[current] ?? '') + line + '\n';
    }
    expect(Object.keys(files).sort()).toEqual(['migrations/0001_users.sql', 'queries/users.sql']);
    const dir = await makeProject();
    try {
      for (const [rel, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), text.trim() + '\n');
      }
      const prepare = await runCli(['prepare'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(prepare.code, prepare.stderr).toBe(0);
      const module = await readFile(path.join(dir, 'generated/users.ts'), 'utf8');
      // Every declaration line the README shows is in the module (comments aside, whitespace normalised).
      const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
      const generated = squash(module);
      for (const line of shownModule.split('\n')) {
        const code = squash(line.replace(/\/\/.*$/, '')).replace(/;$/, '').replace(/^export async function (.*)$/, 'export async function $1 {');
        if (!code || code === '}') continue;
        const member = /^(\w+): (.+)$/.exec(code);
        if (member) expect(generated).toContain(`${member[1]}: ${member[2]};`);
        else if (code.startsWith('export interface') && code.endsWith('}')) {
          // `export interface X { id: number }` on one line: the interface and its one member.
          const m = /^export interface (\w+) \{ (\w+): ([^}]+) \}$/.exec(code)!;
          expect(generated).toContain(`export interface ${m[1]} {`);
          expect(generated).toContain(`${m[2]}: ${m[3]!.trim()};`);
        } else expect(generated).toContain(code);
      }
      // The nullability reasons the comments quote are the module's own.
      for (const reason of shownModule.matchAll(/"([^"]+)"/g)) expect(module).toContain(reason[1]);
      const check = await runCli(['check'], { cwd: dir });
      expect(check.code, check.stderr).toBe(0);
    } finally {
      await removeProject(dir);
    }
  }, SLOW);
});
