#!/usr/bin/env node
/**
 * The `sqlsure` command. Thin: read the flags, call the library, print, set the exit code.
 * `--version` and the daily commands written the usual way are read by quick-args.ts; everything
 * else (help, other commands, anything unusual or wrong) by yargs, loaded only then.
 */
import { ownVersion } from './own-version.js';
import { quickArgs } from './quick-args.js';

const args = process.argv.slice(2);
const quick = quickArgs(args);
if (quick?.kind === 'version') console.log(ownVersion());
else if (quick) await import('./project-command.js').then((m) => m.runProjectCommand(quick.command, quick.flags));
else await import('./full-cli.js').then((m) => m.runFullCli(args));
