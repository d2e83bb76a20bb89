#!/usr/bin/env node
/**
 * The `sqlsure` command. Thin: parse flags, call the library, print, set the exit code. Commands
 * import their implementation lazily so `check` and `generate` never load a database driver.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

const pathFlags = (y: Argv) =>
  y
    .option('root', { type: 'string', describe: 'Project root; other paths are relative to it', default: '.', defaultDescription: 'current directory' })
    .option('config', { type: 'string', describe: 'Config file', defaultDescription: '<root>/sqlsure.config.json' })
    .option('queries', { type: 'string', describe: 'Query files folder', defaultDescription: 'queries' })
    .option('migrations', { type: 'string', describe: 'Migrations folder', defaultDescription: 'migrations' })
    .option('generated', { type: 'string', describe: 'Generated modules folder', defaultDescription: 'generated' })
    .option('cache', { type: 'string', describe: 'Offline cache folder', defaultDescription: 'offline-cache' });

await yargs(hideBin(process.argv))
  .scriptName('sqlsure')
  .usage('$0 <command> [options]')
  .command(
    'prepare',
    'Describe every query against a database; write the offline cache and the generated modules',
    (y) => pathFlags(y).option('database-url', { type: 'string', describe: 'PostgreSQL connection string', defaultDescription: '$DATABASE_URL' }),
    (argv) => runCommand('prepare', argv),
  )
  .command('generate', 'Rewrite the generated modules from the offline cache (no database)', pathFlags, (argv) => runCommand('generate', argv))
  .command('check', 'Verify cache and generated modules are fresh, with no database (for CI)', pathFlags, (argv) => runCommand('check', argv))
  .demandCommand(1, 'Name a command: prepare, generate or check.')
  .strict()
  .help()
  .alias('help', 'h')
  .version()
  .fail((message, error) => {
    if (error) throw error;
    console.error(`${message}\nRun \`sqlsure --help\` for usage.`);
    process.exit(EXIT.usage);
  })
  .parseAsync();
