/**
 * The whole command line, parsed by yargs: every command, --help, and a usage error for anything
 * wrong. main.ts comes here for what quick-args.ts does not read itself. Commands import their
 * implementation lazily so `check` and `generate` never load a database driver.
 */
import yargs, { type Argv } from 'yargs';
import { EXIT } from './exit-codes.js';
import { ownVersion } from './own-version.js';
import { PREPARE_FLAGS, PROJECT_PATH_FLAGS, type ProjectCommand } from './project-command-flags.js';
import { runProjectCommand } from './project-command.js';
import type { ParsedFlags } from './quick-args.js';
import type { MigrateSubcommand } from './run-command.js';
import type { DatabaseSubcommand } from './run-database.js';

const runMigrateCommand = (command: MigrateSubcommand, argv: Parameters<typeof import('./run-command.js').runMigrateCommand>[1]) =>
  import('./run-command.js').then((m) => m.runMigrateCommand(command, argv));
const runDatabaseCommand = (command: DatabaseSubcommand, argv: Parameters<typeof import('./run-database.js').runDatabaseCommand>[1]) =>
  import('./run-database.js').then((m) => m.runDatabaseCommand(command, argv));
const runVerify = (argv: Parameters<typeof import('./run-verify.js').runVerify>[0]) => import('./run-verify.js').then((m) => m.runVerify(argv));
const runInit = (argv: Parameters<typeof import('./run-init.js').runInit>[0]) => import('./run-init.js').then((m) => m.runInit(argv));

// The flag tables are plain data (quick-args.ts reads them too); yargs takes them as they are.
const { reporter: reporterFlag, root: rootFlag, config: configFlag } = PROJECT_PATH_FLAGS;

/**
 * A command's own help: its flags under "Options:", the global -h/--help apart and last, and
 * --version (about sqlsure, not the command) left to `sqlsure --help`. Both still work anywhere.
 */
const commandHelp =
  <T>(builder: (y: Argv) => Argv<T>) =>
  (y: Argv): Argv<T> =>
    builder(y).group([], 'Options:').group(['help'], 'Global options:').hide('version');

const pathFlags = (y: Argv) => y.options(PROJECT_PATH_FLAGS);

/** The flags of every migrate command, `add` included (it needs no database). */
const migrationFolderFlags = (y: Argv) =>
  y
    .option('root', rootFlag)
    .option('config', configFlag)
    .option('migrations', PROJECT_PATH_FLAGS.migrations)
    .option('reporter', reporterFlag);

const migrateFlags = (y: Argv) =>
  migrationFolderFlags(y)
    .option('database-url', { type: 'string', describe: 'PostgreSQL connection string', defaultDescription: '$DATABASE_URL' })
    .option('table', { type: 'string', describe: 'Bookkeeping table, optionally schema.name', defaultDescription: '_sqlsure_migrations' })
    .option('checksum', {
      choices: ['sqlx', 'normalized'] as const,
      describe: 'sqlx: SHA-384 of the raw bytes; normalized: of the text with LF line endings',
      defaultDescription: 'sqlx for _sqlx_migrations, else normalized',
    });

const targetVersion = { type: 'string', describe: 'A migration version' } as const;

const migrateCommands = (y: Argv) =>
  y
    .command(
      'run',
      'Apply pending migrations, each in one transaction with its bookkeeping row',
      commandHelp((c) =>
        migrateFlags(c)
          .option('dry-run', { type: 'boolean', describe: 'Show what would be applied; change nothing' })
          .option('target-version', { ...targetVersion, describe: 'Apply migrations up to and including this version' })
          .option('allow-out-of-order', { type: 'boolean', describe: 'Apply pending migrations older than the newest applied one' })),
      (argv) => runMigrateCommand('run', argv),
    )
    .command('info', 'List every migration with its status', commandHelp(migrateFlags), (argv) => runMigrateCommand('info', argv))
    .command(
      'add <description..>',
      'Create a new migration file (no database needed)',
      commandHelp((c) =>
        migrationFolderFlags(c)
          .positional('description', { type: 'string', array: true, describe: 'What the migration does (its words name the file)', default: undefined })
          .option('reversible', { alias: 'r', type: 'boolean', describe: 'Create a .up.sql and .down.sql pair' })
          .option('sequential', { alias: 's', type: 'boolean', describe: 'Version with the next sequence number (0001, 0002, …)' })
          .option('timestamp', { alias: 't', type: 'boolean', describe: 'Version with the UTC time (YYYYMMDDHHMMSS)' })
          .conflicts('sequential', 'timestamp')),
      (argv) => runMigrateCommand('add', argv),
    )
    .command(
      'revert',
      'Run the .down.sql of the newest applied migration',
      commandHelp((c) => migrateFlags(c).option('target-version', { ...targetVersion, describe: 'Revert every applied migration newer than this version' })),
      (argv) => runMigrateCommand('revert', argv),
    )
    .command(
      'repair <migration-version>',
      'Record the checksum of an intentionally edited migration, or settle a dirty one',
      commandHelp((c) =>
        migrateFlags(c)
          .positional('migration-version', { type: 'string', describe: 'The version of the migration to repair' })
          .option('mark-applied', { type: 'boolean', describe: 'A dirty migration was completed by hand: record it as applied' })
          .option('mark-pending', { type: 'boolean', describe: 'A dirty migration was undone by hand: forget it, so it runs again' })
          .conflicts('mark-applied', 'mark-pending')),
      (argv) => runMigrateCommand('repair', argv),
    )
    .command(
      'lint',
      'Find migration statements that would lock or break a busy production database (no database needed)',
      commandHelp((c) =>
        migrationFolderFlags(c)
          .option('cache', { type: 'string', describe: 'Offline cache folder (its queries and migrations.json)', defaultDescription: 'offline-cache' })
          .option('all', { type: 'boolean', describe: 'Lint every migration, not only the new ones' })
          .option('base', { type: 'string', describe: 'The previous release (folder or git revision): lint the migrations it did not have, and check its queries' })
          .option('database-url', { type: 'string', describe: 'Lint the migrations pending in this database', defaultDescription: '$DATABASE_URL' })
          .conflicts('all', 'base')),
      (argv) => import('./run-lint.js').then((m) => m.runLint(argv)),
    )
    .demandCommand(1, 'Name a migrate command: run, info, add, revert, repair or lint.');

const databaseUrlFlag = { type: 'string', describe: 'PostgreSQL connection string of the database', defaultDescription: '$DATABASE_URL' } as const;
const dropFlags = (y: Argv) =>
  y
    .option('yes', { alias: 'y', type: 'boolean', describe: 'Drop without asking (required when there is no terminal)' })
    .option('force', { alias: 'f', type: 'boolean', describe: "Terminate the database's other connections first (PostgreSQL 13+)" });

const databaseCommands = (y: Argv) =>
  y
    .command(
      'create',
      'Create the database named by the URL (nothing to do if it exists)',
      commandHelp((c) =>
        c
          .option('root', rootFlag)
          .option('config', configFlag)
          .option('database-url', databaseUrlFlag)),
      (argv) => runDatabaseCommand('create', argv),
    )
    .command(
      'drop',
      'Drop the database named by the URL, after confirmation',
      commandHelp((c) =>
        dropFlags(c)
          .option('root', rootFlag)
          .option('config', configFlag)
          .option('database-url', databaseUrlFlag)),
      (argv) => runDatabaseCommand('drop', argv),
    )
    .command('reset', 'Drop the database (after confirmation), create it, and apply every migration', commandHelp((c) => dropFlags(migrateFlags(c))), (argv) => runDatabaseCommand('reset', argv))
    .demandCommand(1, 'Name a database command: create, drop or reset.');

/** Parses `args` and runs the command; `runProject` receives prepare, generate and check (tests capture it). */
export async function runFullCli(args: string[], runProject: (command: ProjectCommand, argv: ParsedFlags) => Promise<void> = runProjectCommand): Promise<void> {
  const project = (command: ProjectCommand) => (argv: object) => runProject(command, argv as ParsedFlags);
  // yargs renders the help of the command it is about to run (in case its handler shows it) before
  // running it; wrapping that text to the terminal is most of the cost. It is printed only for
  // --help, so only then is it wrapped (as yargs would by default).
  const cli = yargs(args);
  if (!args.includes('--help') && !args.includes('-h')) cli.wrap(null);

  await cli
    .scriptName('sqlsure')
    .usage('$0 <command> [options]')
    .command(
      'prepare',
      'Describe every query against a database; write the offline cache and the generated modules',
      commandHelp((y) => y.options(PREPARE_FLAGS).conflicts('check', 'watch')),
      project('prepare'),
    )
    .command('generate', 'Rewrite the generated modules from the offline cache (no database)', commandHelp(pathFlags), project('generate'))
    .command('check', 'Verify cache and generated modules are fresh, with no database (for CI)', commandHelp(pathFlags), project('check'))
    .command('migrate', 'Apply, manage and lint migrations (run, info, add, revert, repair, lint)', commandHelp(migrateCommands))
    .command(
      'verify',
      "Will the previous release still work once the current migrations are live? Describe its cached queries against them",
      commandHelp((y) =>
        migrationFolderFlags(y)
          .option('cache', { type: 'string', describe: 'Offline cache folder', defaultDescription: 'offline-cache' })
          .option('base', {
            type: 'string',
            demandOption: 'name the previous release: --base <folder> (its project or offline-cache folder) or --base <git revision>',
            describe: "The previous release: a folder (its project root or offline-cache folder) or a git revision whose committed cache is read",
          })
          .option('database-url', { type: 'string', describe: 'PostgreSQL connection string (already migrated)', defaultDescription: '$DATABASE_URL, else embedded' })
          .option('strict', { type: 'boolean', describe: 'Fail also on breaks caused by migrations marked `-- sqlsure: breaking`' })),
      (argv) => runVerify(argv),
    )
    .command('database', 'Create, drop or reset the database of DATABASE_URL (create, drop, reset)', commandHelp(databaseCommands))
    .command(
      'init',
      'Start using sqlsure here: config, a first migration, an example query, package.json scripts; never overwrites',
      commandHelp((y) => y.option('root', { type: 'string', describe: 'Project folder', default: '.', defaultDescription: 'current directory' })),
      (argv) => runInit(argv),
    )
    .demandCommand(1, 'Name a command: init, prepare, generate, check, verify, migrate or database.')
    .strict()
    .help()
    .alias('help', 'h')
    .version(ownVersion())
    .fail((message, error) => {
      if (error) throw error;
      console.error(`${message}\nRun \`sqlsure --help\` for usage.`);
      process.exit(EXIT.usage);
    })
    .parseAsync();
}
