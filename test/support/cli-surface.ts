/**
 * The CLI's commands and flags as its own `--help` prints them, walked from `sqlsure --help`
 * down through every subcommand: what the README is checked against (no list kept by hand).
 */
import { runCli } from './project-dir.js';

export interface CliFlag {
  name: string;
  alias?: string;
  /** Values a `choices` flag accepts. */
  choices?: string[];
  type?: 'boolean' | 'string' | 'array';
  /** What --help shows as the default (`[default: …]`). */
  default?: string;
}

export interface CliCommand {
  /** `['migrate', 'run']`; `[]` is `sqlsure` itself. */
  path: string[];
  /** Subcommand names, for a command that has them. */
  subcommands: string[];
  /** Positional arguments (`<description..>`, `<migration-version>`). */
  positionals: string[];
  flags: Map<string, CliFlag>;
}

async function help(path: string[]): Promise<string> {
  const run = await runCli([...path, '--help']);
  if (run.code !== 0) throw new Error(`sqlsure ${path.join(' ')} --help exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

function section(text: string, title: string): string {
  const start = text.search(new RegExp(`^${title}:$`, 'm'));
  if (start < 0) return '';
  const rest = text.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => /^\S.*:$/.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

function parseFlags(options: string): Map<string, CliFlag> {
  const flags = new Map<string, CliFlag>();
  let current: { flag: CliFlag; text: string } | undefined;
  const finish = () => {
    if (!current) return;
    const text = current.text.replace(/\s+/g, ' ');
    const choices = /\[choices: ([^\]]+)\]/.exec(text);
    if (choices) current.flag.choices = [...choices[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const type = /\[(boolean|string|array)\]/.exec(text);
    if (type) current.flag.type = type[1] as CliFlag['type'];
    const dflt = /\[default: ([^\]]+)\]/.exec(text);
    if (dflt) current.flag.default = dflt[1]!.trim();
    flags.set(current.flag.name, current.flag);
  };
  for (const line of options.split('\n')) {
    const entry = /^\s+(?:-(\w), )?--([a-z][a-z-]*)\b(.*)$/.exec(line);
    if (entry) {
      finish();
      current = { flag: { name: entry[2]!, ...(entry[1] ? { alias: entry[1] } : {}) }, text: entry[3]! };
    } else if (current) {
      current.text += ' ' + line;
    }
  }
  finish();
  return flags;
}

function parseCommand(path: string[], text: string): CliCommand {
  const subcommands: string[] = [];
  for (const line of section(text, 'Commands').split('\n')) {
    const m = /^\s+sqlsure ((?:[a-z][a-z-]* ?)+)/.exec(line);
    if (!m) continue;
    const words = m[1]!.trim().split(' ');
    // `sqlsure migrate run` under `migrate`: the word after the parent path.
    const next = words[path.length];
    if (next && words.slice(0, path.length).join(' ') === path.join(' ')) subcommands.push(next);
  }
  const usage = text.split('\n')[0] ?? '';
  const positionals = [...usage.matchAll(/<([a-z-]+)(?:\.\.)?>/g)].map((m) => m[1]!).filter((p) => p !== 'command');
  const positionalsSection = section(text, 'Positionals');
  for (const m of positionalsSection.matchAll(/^\s+([a-z][a-z-]*)\s/gm)) if (!positionals.includes(m[1]!)) positionals.push(m[1]!);
  // A subcommand lists -h/--help apart, under "Global options:".
  return { path, subcommands, positionals, flags: parseFlags(`${section(text, 'Options')}\n${section(text, 'Global options')}`) };
}

let surface: Promise<Map<string, CliCommand>> | undefined;

/** Every command, keyed by its words (`''`, `'prepare'`, `'migrate run'`). */
export function cliSurface(): Promise<Map<string, CliCommand>> {
  surface ??= (async () => {
    const all = new Map<string, CliCommand>();
    const visit = async (path: string[]): Promise<void> => {
      const command = parseCommand(path, await help(path));
      all.set(path.join(' '), command);
      await Promise.all(command.subcommands.map((sub) => visit([...path, sub])));
    };
    await visit([]);
    return all;
  })();
  return surface;
}

/** Every flag name any command accepts, with `--`. */
export async function allFlagNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const command of (await cliSurface()).values()) for (const flag of command.flags.values()) names.add(`--${flag.name}`);
  return names;
}
