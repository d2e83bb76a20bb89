/**
 * The usual command lines (`sqlsure --version`, `sqlsure check`, `sqlsure prepare --force -q`, …)
 * read with Node's own parseArgs. Loading yargs costs about as much as Node's start-up, and these
 * commands run on every save and in every CI job. Anything this reader is not certain to read
 * exactly as yargs would (help, a repeated or negated flag, a value that looks like a flag, a
 * stray word, a bad choice, a conflict) is left to yargs, which parses or explains it.
 */
import { parseArgs } from 'node:util';
import { PREPARE_CONFLICTS, PROJECT_COMMAND_FLAGS, type ProjectCommand } from './project-command-flags.js';

/** The flags as yargs hands them to a command: camelCase names, defaults applied, absent ones left out. */
export type ParsedFlags = Record<string, string | boolean | string[]>;

export type QuickInvocation = { kind: 'version' } | { kind: 'project'; command: ProjectCommand; flags: ParsedFlags };

const isProjectCommand = (word: string | undefined): word is ProjectCommand => word === 'prepare' || word === 'generate' || word === 'check';
const camelCase = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function quickArgs(args: readonly string[]): QuickInvocation | undefined {
  if (args.length === 1 && args[0] === '--version') return { kind: 'version' };
  const [command, ...rest] = args;
  if (!isProjectCommand(command)) return undefined;
  const specs = PROJECT_COMMAND_FLAGS[command];
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.alias ? { short: spec.alias } : {}), ...(spec.array ? { multiple: true } : {}) }]),
  );
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; strict: true; allowPositionals: false; tokens: true }>>;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: false, tokens: true });
  } catch {
    return undefined;
  }
  const times = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') return undefined; // `--`: yargs' business
    times.set(token.name, (times.get(token.name) ?? 0) + 1);
  }
  // yargs turns a repeated single-valued flag into an array; the commands expect one value.
  for (const [name, n] of times) if (n > 1 && !specs[name]!.array) return undefined;

  const flags: ParsedFlags = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = (parsed.values as Record<string, string | boolean | string[] | undefined>)[name] ?? spec.default;
    if (value === undefined) continue;
    if (spec.choices && !spec.choices.includes(value as string)) return undefined;
    flags[camelCase(name)] = value;
  }
  if (command === 'prepare' && PREPARE_CONFLICTS.some((pair) => pair.every((name) => flags[camelCase(name)] !== undefined))) return undefined;
  return { kind: 'project', command, flags };
}
