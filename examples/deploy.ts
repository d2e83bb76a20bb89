/**
 * The deploy half, as a service would write it (type-checked by `tsc --noEmit` in CI): its
 * migrations ship inside it (generated/_migrations.ts), `migrate` runs from its own CLI or deploy
 * step, and start-up refuses a schema this build was not written for.
 *
 *   DATABASE_URL=postgres://... npx tsx examples/deploy.ts migrate
 *   DATABASE_URL=postgres://... npx tsx examples/deploy.ts start
 */
import pg from 'pg';
import { migrate, verifySchema, type SchemaProblem } from 'sqlsure/migrator';
import { migrationPolicy, migrations } from '../generated/_migrations.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

async function main(command: string | undefined): Promise<number> {
  if (command === 'migrate') {
    const report = await migrate(pool, migrations, { ...migrationPolicy, onLockWait: () => console.error('another instance is migrating; waiting…') });
    console.error(report.summary);
    for (const p of report.problems) console.error(`${p.file ?? ''}${p.position ? `:${p.position.line}:${p.position.column}` : ''} ${p.message}`);
    return report.ok ? 0 : 1;
  }
  const schema = await verifySchema(pool, migrations, migrationPolicy);
  for (const notice of schema.notices) console.warn(notice.message);
  if (!schema.ok) {
    console.error(schema.summary);
    console.error(schema.problems.map(explain).join('\n'));
    return 1;
  }
  console.error(schema.summary);
  return 0; // …start serving
}

/** Each problem kind is typed, so the service can react to each its own way. */
function explain(p: SchemaProblem): string {
  switch (p.kind) {
    case 'pending':
      return `run the migrations first: ${p.message}`;
    case 'incompatible':
      return `roll forward to a release at least as new as migration ${p.floor.version}`;
    case 'unknown-applied':
    case 'checksum-mismatch':
    case 'dirty':
      return p.message;
  }
}

process.exitCode = await main(process.argv[2]).finally(() => pool.end());
