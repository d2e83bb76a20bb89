/**
 * The TypeScript fixture apps export `scenario(db)`: their generated or typed queries, called on
 * a database. Run here on an empty PGlite holding the app's schema, and on pg against a server
 * where it is already applied; each returns what the scenario returned.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freshPGlite } from './fresh-pglite.js';

type Scenario = (db: unknown) => Promise<unknown>;
const scenarioOf = async (project: string): Promise<Scenario> => ((await import(path.join(project, 'src/app.ts'))) as { scenario: Scenario }).scenario;

export async function scenarioOnPGlite(project: string, schemaFile: string): Promise<unknown> {
  const lite = await freshPGlite();
  try {
    await lite.exec(await readFile(path.join(project, schemaFile), 'utf8'));
    return await (await scenarioOf(project))(lite);
  } finally {
    await lite.close();
  }
}

export async function scenarioOnPg(project: string, url: string): Promise<unknown> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    return await (await scenarioOf(project))(pool);
  } finally {
    await pool.end();
  }
}
