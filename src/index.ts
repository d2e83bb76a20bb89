/** The sqlsure library: everything the CLI does, callable from code. */
export { prepare, type PrepareOptions, type PrepareResult } from './prepare/prepare.js';
export { generate, type GenerateResult } from './codegen/generate.js';
export { check, type CheckResult } from './check/check.js';
export { resolveConfig, ConfigError, type ConfigOverrides, type ResolvedConfig } from './config/config.js';
export { DatabaseUnreachableError } from './database/pg-server-channel.js';
export { loadQuerySources, type LoadedSources } from './source/load-query-sources.js';
export { parseQueryFile } from './source/parse-query-file.js';
export type { QuerySource, SourceProblem, Cardinality } from './source/query-source.js';
export type { CacheEntry, CachedColumn, CachedParam, SchemaFile, SchemaTypes } from './cache/cache-entry.js';
export { formatProblem } from './report/format-problem.js';
