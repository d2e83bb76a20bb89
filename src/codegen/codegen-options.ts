/** The configuration that shapes generated code. The cache never depends on it. */
import type { Int8Mode, ResolvedConfig } from '../config/config.js';

export type CodegenOptions = Pick<ResolvedConfig, 'camelCase' | 'int8' | 'types' | 'columns' | 'imports'>;

export const DEFAULT_CODEGEN_OPTIONS: CodegenOptions = { camelCase: false, int8: 'string', types: {}, columns: {}, imports: {} };

/** Fills in defaults, so callers may pass a partial config (library users, tests). */
export function codegenOptions(config: Partial<CodegenOptions>): CodegenOptions {
  return {
    camelCase: config.camelCase ?? false,
    int8: config.int8 ?? ('string' satisfies Int8Mode),
    types: config.types ?? {},
    columns: config.columns ?? {},
    imports: config.imports ?? {},
  };
}
