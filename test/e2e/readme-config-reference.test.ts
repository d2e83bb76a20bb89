/**
 * README "Configuration reference": its one table lists every config key the loader accepts
 * (src/config/config.ts, the shipped JSON schema) and every flag the CLI accepts (read from each
 * command's --help), no more, with the aliases and choices the CLI has, and says truthfully which
 * commands take each flag.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, resolveConfig } from '../../src/config/config.js';
import { cliSurface, type CliCommand } from '../support/cli-surface.js';
import { makeProject, removeProject, REPO_ROOT } from '../support/project-dir.js';
import { firstTable, readmeSection } from '../support/readme.js';

interface Row {
  defaults: string;
  keys: string[];
  flags: string[];
  aliases: string[];
  usedBy: string;
  text: string;
}

const rows: Row[] = firstTable(readmeSection('Configuration reference')).map((cells) => {
  expect(cells, cells.join(' | ')).toHaveLength(5);
  const [key, flag, defaults, usedBy] = cells as [string, string, string, string, string];
  return {
    defaults: defaults.replace(/`/g, ''),
    keys: [...key.matchAll(/`"([$\w]+)"`/g)].map((m) => m[1]!),
    flags: [...flag.matchAll(/`(--[a-z][a-z-]*)`/g)].map((m) => m[1]!),
    aliases: [...flag.matchAll(/`(-[a-z])`/g)].map((m) => m[1]!),
    usedBy,
    text: cells.join(' | '),
  };
});

// Every command's --help, spawned once (memoised) before the tests: slow on a loaded machine.
await cliSurface();

const schema = JSON.parse(await readFile(path.join(REPO_ROOT, 'schema/sqlsure.config.schema.json'), 'utf8')) as { properties: Record<string, { default?: unknown }> };

describe('README configuration reference', () => {
  it('lists every config key, and only those (loader and JSON schema)', () => {
    const listed = rows.flatMap((r) => r.keys).sort();
    expect(new Set(listed).size, 'a key listed twice').toBe(listed.length);
    expect(listed).toEqual([...CONFIG_KEYS].sort());
    expect(listed).toEqual(Object.keys(schema.properties).sort());
  });

  it('lists every flag of every command, and only those', async () => {
    const surface = await cliSurface();
    const actual = new Set([...surface.values()].flatMap((c) => [...c.flags.keys()].map((f) => `--${f}`)));
    const listed = new Set(rows.flatMap((r) => r.flags));
    expect([...listed].sort()).toEqual([...actual].sort());
  });

  it('gives each flag the alias and the choices the CLI has', async () => {
    const surface = await cliSurface();
    for (const command of surface.values()) {
      for (const flag of command.flags.values()) {
        const own = rows.filter((r) => r.flags.includes(`--${flag.name}`));
        if (flag.alias) expect(own.some((r) => r.aliases.includes(`-${flag.alias}`)), `-${flag.alias} for --${flag.name} (sqlsure ${command.path.join(' ')})`).toBe(true);
        for (const choice of flag.choices ?? []) expect(own.some((r) => r.text.includes(`\`${choice}\``)), `choice ${choice} of --${flag.name}`).toBe(true);
      }
    }
    // And no alias the CLI does not have.
    for (const row of rows) {
      for (const alias of row.aliases) {
        const has = [...surface.values()].some((c) => row.flags.some((f) => c.flags.get(f.slice(2))?.alias === alias.slice(1)));
        expect(has, `${alias} in "${row.text}"`).toBe(true);
      }
    }
  });

  it('says which commands take each flag', async () => {
    const surface = await cliSurface();
    const leaves = [...surface.values()].filter((c) => c.subcommands.length === 0 && c.path.length > 0);
    const name = (c: CliCommand) => c.path.join(' ');
    const takes = (c: CliCommand, flag: string) => c.flags.has(flag.slice(2));
    /** The commands a "used by" cell names for this flag; words that name no command (codegen, editors) are notes. */
    const named = (usedBy: string, flag: string): Set<string> => {
      const every = /^every command(?: but (.+))?$/.exec(usedBy);
      if (every) {
        const except = new Set((every[1] ?? '').split(/, /).map((s) => s.replace(/`/g, '').trim()).filter(Boolean));
        return new Set(leaves.map(name).filter((n) => !except.has(n)));
      }
      const out = new Set<string>();
      for (const item of usedBy.split(/, /).map((s) => s.replace(/`/g, '').trim())) {
        const group = leaves.filter((c) => name(c) === item || name(c).startsWith(`${item} `));
        // A group ("migrate") stands for those of its commands that take the flag.
        const members = group.length === 1 ? group : group.filter((c) => takes(c, flag));
        for (const c of members) out.add(name(c));
      }
      return out;
    };
    const allFlags = new Set(rows.flatMap((r) => r.flags));
    for (const flag of allFlags) {
      const claimed = new Set(rows.filter((r) => r.flags.includes(flag)).flatMap((r) => [...named(r.usedBy, flag)]));
      const actual = leaves.filter((c) => takes(c, flag)).map(name).sort();
      expect([...claimed].sort(), flag).toEqual(actual);
    }
  });

  it('gives the defaults the loader applies, the JSON schema states and --help shows', async () => {
    const dir = await makeProject();
    try {
      const resolved = (await resolveConfig({ root: dir }, {})) as unknown as Record<string, unknown>;
      for (const row of rows) {
        for (const key of row.keys) {
          const stated = schema.properties[key]!.default;
          if (stated === undefined) continue;
          expect(resolved[key], `${key}: the loader's default is the schema's`).toEqual(stated);
          expect(row.defaults, `${key}: the README's default`).toContain(typeof stated === 'string' ? stated : JSON.stringify(stated));
        }
      }
      const surface = await cliSurface();
      for (const command of surface.values()) {
        for (const flag of command.flags.values()) {
          if (!flag.default) continue;
          // `$DATABASE_URL, else embedded`: the README may say more, never something else.
          const shown = flag.default.split(',')[0]!.trim();
          const own = rows.filter((r) => r.flags.includes(`--${flag.name}`));
          expect(own.some((r) => r.defaults.includes(shown)), `--${flag.name} (sqlsure ${command.path.join(' ')}): default "${flag.default}"`).toBe(true);
        }
      }
    } finally {
      await removeProject(dir);
    }
  });
});
