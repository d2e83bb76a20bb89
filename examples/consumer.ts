/**
 * A small consumer of the generated modules, type-checked by `tsc --noEmit` in CI. It is what an
 * application would write; the `@ts-expect-error` lines prove the types are strict where the data
 * can really be NULL (tsc fails if one of those lines ever type-checks).
 *
 *   DATABASE_URL=postgres://... npx tsx examples/consumer.ts <user-id>
 */
import pg from 'pg';
import { NoRowsError, type Queryable } from 'sqlsure/runtime';
import { listRecentSessions, getSessionWithUser } from '../generated/sessions.js';
import { createUser, getUserById, suspendUsers } from '../generated/users.js';
import { reconcileLoginEmails } from '../generated/admin/reports.js';

export async function describeUser(db: Queryable, id: string): Promise<string> {
  const user = await getUserById(db, { id });
  if (!user) return `no user ${id}`;
  // @ts-expect-error display_name is nullable (users.display_name allows NULL)
  const shout: string = user.display_name.toUpperCase();
  void shout;
  const name = user.display_name ?? user.email;
  const status: 'active' | 'suspended' | 'deleted' = user.status;

  const sessions = await listRecentSessions(db, { userId: user.id, since: new Date(Date.now() - 86_400_000), limit: 20 });
  const devices = sessions.map((s) => {
    // @ts-expect-error device_name comes from the right side of LEFT JOIN devices d
    s.device_name.length;
    return s.device_name ?? 'unknown device';
  });
  return `${name} (${status}), ${sessions.length} recent sessions on ${devices.join(', ')}`;
}

export async function onboard(db: Queryable, email: string): Promise<string> {
  // @ts-expect-error email is required and non-null
  await createUser(db, { email: null, displayName: null, passwordHash: null });
  const created = await createUser(db, { email, displayName: null, passwordHash: null });
  const suspended: number = await suspendUsers(db, { ids: [created.id] });
  return `${created.id} created at ${created.created_at.toISOString()}, ${suspended} suspended`;
}

export async function reconcile(db: Queryable): Promise<string[]> {
  const rows = await reconcileLoginEmails(db);
  // Both sides of a FULL JOIN can be missing.
  return rows.map((r) => `${r.login_email ?? '—'} ↔ ${r.listed_email ?? '—'}`);
}

export async function sessionOwner(db: Queryable, sessionId: string): Promise<string> {
  const s = await getSessionWithUser(db, { sessionId });
  if (s === null) throw new NoRowsError('GetSessionWithUser');
  return s.email;
}

if (process.argv[1]?.endsWith('consumer.ts')) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  try {
    console.log(await describeUser(pool, process.argv[2] ?? '00000000-0000-0000-0000-000000000000'));
  } finally {
    await pool.end();
  }
}
