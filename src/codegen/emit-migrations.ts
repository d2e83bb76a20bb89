/**
 * `generated/_migrations.ts`: every migration with its statements already split, and the project's
 * migration policy — what `sqlsure/migrator` needs at run time, so the deployed application needs
 * neither the migrations folder nor the SQL parser.
 */
import type { EmbeddedMigration, MigrationPolicy } from '../migrator/embedded-migration.js';
import { commentText, stringLiteral } from './escape.js';
import { GENERATED_MARKER } from './write-modules.js';

export const MIGRATIONS_MODULE = '_migrations.ts';

export function emitMigrationsModule(migrations: readonly EmbeddedMigration[], policy: Required<MigrationPolicy>, migrationsDir: string): string {
  const dir = commentText(migrationsDir);
  const list = (items: readonly string[]) => `[${items.map((i) => stringLiteral(i)).join(', ')}]`;
  const alternates = Object.keys(policy.alternateChecksums)
    .sort()
    .map((v) => `    ${stringLiteral(v)}: ${list(policy.alternateChecksums[v]!)},`);
  const out = [
    `${GENERATED_MARKER} from the migrations in ${dir}. Do not edit: run \`sqlsure prepare\`.`,
    `import type { EmbeddedMigration, MigrationPolicy } from 'sqlsure/migrator';`,
    '',
    '/** Where and how the migrations are recorded (sqlsure.config.json): pass it to migrate() and verifySchema(). */',
    'export const migrationPolicy: MigrationPolicy = {',
    `  table: ${stringLiteral(policy.table)},`,
    `  allowMissing: ${list(policy.allowMissing.map(String))},`,
    alternates.length ? `  alternateChecksums: {\n${alternates.join('\n')}\n  },` : '  alternateChecksums: {},',
    '};',
    '',
    `/** Every migration in ${dir}, in version order, its statements split by PostgreSQL's parser at build time. */`,
    'export const migrations: readonly EmbeddedMigration[] = [',
  ];
  for (const m of migrations) {
    out.push(
      '  {',
      `    version: ${stringLiteral(m.version)},`,
      `    description: ${stringLiteral(m.description)},`,
      `    file: ${stringLiteral(m.file)},`,
      `    checksum: ${stringLiteral(m.checksum)},`,
      `    noTransaction: ${m.noTransaction},`,
      `    breaking: ${m.breaking},`,
      m.statements.length ? '    statements: [' : '    statements: [],',
    );
    if (m.statements.length) {
      for (const s of m.statements) out.push(`      { line: ${s.line}, column: ${s.column}, sql: ${stringLiteral(s.sql)} },`);
      out.push('    ],');
    }
    out.push('  },');
  }
  out.push('];', '');
  return out.join('\n');
}
