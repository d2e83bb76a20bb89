/**
 * A small consumer of the generated modules, type-checked by `tsc --noEmit` in CI. It is what an
 * application would write; the `@ts-expect-error` lines prove the types are strict where the data
 * can really be NULL (tsc fails if one of those lines ever type-checks).
 *
 * The example's sqlsure.config.json turns on camelCase properties, int8 as number and a few type
 * overrides (examples/app-types.ts), so those show here too.
 *
 *   DATABASE_URL=postgres://... npx tsx examples/consumer.ts <user-id>
 */
import pg from 'pg';
import { NoRowsError, transaction, type Queryable } from 'sqlsure/runtime';
import { listRecentSessions, getSessionWithUser, createSession } from '../generated/sessions.js';
import { addUserEmails, createUser, getUserById, getUserPreferences, getUsersByIds, suspendUsers } from '../generated/users.js';
import { reconcileLoginEmails } from '../generated/admin/reports.js';
import { appendAuditEvent } from '../generated/audit.js';
import { registerOAuthClients } from '../generated/oauth.js';
import { addMembers, findMembership, removeMembers } from '../generated/orgs.js';
import { userStatusValues, type UserStatus } from '../generated/_enums.js';
import type { NotificationSettings, SessionData, UserProfile } from './app-types.js';

export async function describeUser(db: Queryable, id: string): Promise<string> {
  const user = await getUserById(db, { id });
  if (!user) return `no user ${id}`;
  // @ts-expect-error displayName is nullable (users.display_name allows NULL)
  const shout: string = user.displayName.toUpperCase();
  void shout;
  const name = user.displayName ?? user.email;
  const status: UserStatus = user.status;

  const sessions = await listRecentSessions(db, { userId: user.id, since: new Date(Date.now() - 86_400_000), limit: 20 });
  const devices = sessions.map((s) => {
    // @ts-expect-error deviceName comes from the right side of LEFT JOIN devices d
    s.deviceName.length;
    return s.deviceName ?? 'unknown device';
  });
  return `${name} (${status}), ${sessions.length} recent sessions on ${devices.join(', ')}`;
}

export async function onboard(db: Queryable, email: string): Promise<string> {
  // @ts-expect-error email is required and non-null
  await createUser(db, { email: null, displayName: null, passwordHash: null });
  // One transaction: the user, their extra addresses (one bulk insert) and an audit event.
  return transaction(db, async (tx) => {
    const created = await createUser(tx, { email, displayName: null, passwordHash: null });
    await addUserEmails(tx, { emails: [{ userId: created.id, email: `work.${email}` }] });
    const { auditId } = await appendAuditEvent(tx, { actorId: created.id, action: 'user:signup', targetType: 'user', targetId: created.id, ipAddress: null, details: {} });
    const auditNumber: number = auditId; // int8 as number (config "int8": "number")
    return `${created.id} created at ${created.createdAt.toISOString()}, audit #${auditNumber}`;
  });
}

export async function suspendAll(db: Queryable, ids: string[]): Promise<number> {
  // IN-lists take any number of ids, none included: `id = ANY($1::uuid[])`, never `IN ()`.
  const found = await getUsersByIds(db, { ids });
  // @ts-expect-error list elements are never null
  await getUsersByIds(db, { ids: [null] });
  return suspendUsers(db, { ids: found.map((u) => u.id) });
}

export async function preferences(db: Queryable, id: string): Promise<string> {
  const prefs = await getUserPreferences(db, { id });
  const profile: UserProfile | undefined = prefs?.profile; // column override "users.profile"
  const notifications: NotificationSettings | null | undefined = prefs?.notifications; // in-SQL override
  return `${profile?.theme ?? 'light'} ${notifications?.email ? 'email' : 'no email'}`;
}

export async function startSession(db: Queryable, userId: string, data: SessionData): Promise<string> {
  // The column override of sessions.data reaches the parameter stored into it.
  const session = await createSession(db, { userId, deviceId: null, ipAddress: null, expiresAt: new Date(Date.now() + 3_600_000), data });
  // @ts-expect-error mfa must be a boolean (SessionData)
  await createSession(db, { userId, deviceId: null, ipAddress: null, expiresAt: new Date(), data: { mfa: 'yes' } });
  return session.sessionId;
}

export async function importClients(db: Queryable, names: string[]): Promise<number> {
  return registerOAuthClients(db, {
    clients: names.map((name) => ({ clientId: name, name, redirectUris: [`https://${name}.example/cb`], scopes: ['openid'], isConfidential: false, secretHash: null })),
  });
}

export async function moveMember(db: Queryable, userId: string, from: string, to: string): Promise<boolean> {
  return transaction(db, async (tx) => {
    const membership = await findMembership(tx, { key: { organizationId: from, userId } });
    if (!membership) return false;
    await removeMembers(tx, { members: [{ organizationId: from, userId }] });
    await addMembers(tx, { members: [{ organizationId: to, userId, role: membership.role }] });
    return true;
  });
}

export async function reconcile(db: Queryable): Promise<string[]> {
  const rows = await reconcileLoginEmails(db);
  // Both sides of a FULL JOIN can be missing.
  return rows.map((r) => `${r.loginEmail ?? '—'} ↔ ${r.listedEmail ?? '—'}`);
}

export async function sessionOwner(db: Queryable, sessionId: string): Promise<string> {
  const s = await getSessionWithUser(db, { sessionId });
  if (s === null) throw new NoRowsError('GetSessionWithUser');
  return s.email;
}

export function isUserStatus(value: string): value is UserStatus {
  return (userStatusValues as readonly string[]).includes(value);
}

if (process.argv[1]?.endsWith('consumer.ts')) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  try {
    console.log(await describeUser(pool, process.argv[2] ?? '00000000-0000-0000-0000-000000000000'));
  } finally {
    await pool.end();
  }
}
