/**
 * The flags of the daily commands (prepare, generate, check) as data: yargs builds their options
 * and help from it, and quick-args.ts reads the usual invocations with it without loading yargs.
 */
import { REPORTERS } from '../report/reporter-names.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  describe: string;
  alias?: string;
  array?: true;
  choices?: readonly string[];
  default?: string;
  defaultDescription?: string;
}

export const PROJECT_PATH_FLAGS = {
  root: { type: 'string', describe: 'Project root; other paths are relative to it', default: '.', defaultDescription: 'current directory' },
  config: { type: 'string', describe: 'Config file', defaultDescription: '<root>/sqlsure.config.json' },
  queries: { type: 'string', describe: 'Query files folder', defaultDescription: 'queries' },
  sources: { type: 'string', array: true, describe: 'Globs of TypeScript files with sql`…` templates', defaultDescription: 'none' },
  migrations: { type: 'string', describe: 'Migrations folder', defaultDescription: 'migrations' },
  generated: { type: 'string', describe: 'Generated modules folder', defaultDescription: 'generated' },
  cache: { type: 'string', describe: 'Offline cache folder', defaultDescription: 'offline-cache' },
  reporter: {
    type: 'string',
    choices: REPORTERS,
    describe: 'How problems are printed: pretty (code frames), plain, json (one document on stdout) or github (workflow annotations)',
    defaultDescription: 'pretty on a terminal, else plain',
  },
} as const satisfies Record<string, FlagSpec>;

export const PREPARE_FLAGS = {
  ...PROJECT_PATH_FLAGS,
  'database-url': { type: 'string', describe: 'PostgreSQL connection string', defaultDescription: '$DATABASE_URL' },
  force: { type: 'boolean', describe: 'Describe every query, even those unchanged since the last prepare' },
  quiet: { alias: 'q', type: 'boolean', describe: 'Print only problems: no progress, no summary when all is well' },
  watch: { alias: 'w', type: 'boolean', describe: 'Keep running: prepare again on every change to queries, migrations or config' },
  check: { type: 'boolean', describe: 'Describe every query and compare with the committed cache and modules; write nothing; exit 1 on any difference' },
} as const satisfies Record<string, FlagSpec>;

/** Flag pairs yargs refuses together (quick-args.ts leaves such a command line to yargs). */
export const PREPARE_CONFLICTS = [['check', 'watch']] as const;

export type ProjectCommand = 'prepare' | 'generate' | 'check';

export const PROJECT_COMMAND_FLAGS: Record<ProjectCommand, Record<string, FlagSpec>> = {
  prepare: PREPARE_FLAGS,
  generate: PROJECT_PATH_FLAGS,
  check: PROJECT_PATH_FLAGS,
};
