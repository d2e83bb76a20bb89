/** `sqlsure database create | drop | reset`. Drop asks first unless --yes; without a terminal it refuses. */
import { createInterface } from 'node:readline/promises';
import { colors as pc } from '../report/color-choice.js';
import { EXIT } from './exit-codes.js';
import { runMigrateCommand } from './run-command.js';

export type DatabaseSubcommand = 'create' | 'drop' | 'reset';

interface DatabaseFlags {
  root?: string;
  config?: string;
  databaseUrl?: string;
  yes?: boolean;
  force?: boolean;
}

export async function runDatabaseCommand(command: DatabaseSubcommand, argv: DatabaseFlags): Promise<void> {
  try {
    const { resolveConfig, ConfigError } = await import('../config/config.js');
    const admin = await import('../database/database-admin.js');
    const config = await resolveConfig({
      ...(argv.root !== undefined ? { root: argv.root } : {}),
      ...(argv.config !== undefined ? { config: argv.config } : {}),
      ...(argv.databaseUrl !== undefined ? { databaseUrl: argv.databaseUrl } : {}),
    });
    if (!config.databaseUrl) throw new ConfigError(`sqlsure database ${command} needs a server: set DATABASE_URL, --database-url or "databaseUrl" in the config`);
    const target = admin.databaseTarget(config.databaseUrl);
    const quoted = `"${target.name.replace(/"/g, '\\"')}"`;
    if (command === 'drop' || command === 'reset') {
      if (!argv.yes && !(await confirm(`Drop database ${quoted} at ${target.shown}? Every table and row in it is lost. [y/N] `))) {
        process.exitCode = process.stdin.isTTY ? EXIT.failed : EXIT.usage;
        if (!process.stdin.isTTY) console.error(`${pc.red('error')}: refusing to drop database ${quoted} without confirmation: no terminal to ask on; pass --yes`);
        else console.error('not dropped');
        return;
      }
      const dropped = await admin.dropDatabase(target, argv.force === true);
      console.error(dropped === 'dropped' ? `dropped database ${quoted}` : `database ${quoted} does not exist; nothing to drop`);
    }
    if (command === 'create' || command === 'reset') {
      const created = await admin.createDatabase(target);
      console.error(created === 'created' ? `created database ${quoted}` : `database ${quoted} already exists`);
    }
    process.exitCode = EXIT.ok;
    if (command === 'reset') await runMigrateCommand('run', argv);
  } catch (err) {
    const name = (err as Error).name;
    console.error(`${pc.red('error')}: ${(err as Error).message}`);
    process.exitCode = name === 'ConfigError' ? EXIT.usage : name === 'DatabaseUnreachableError' ? EXIT.unreachable : EXIT.failed;
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
