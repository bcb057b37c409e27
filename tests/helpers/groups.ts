/**
 * Reading groups from tests: JSON requests as a signed-in account (same-origin, as the browser sends them), and
 * builders for a group, an invite and a member, through the real routes; plus the database writes that no route
 * makes (an invite already expired, a document filed into a group).
 */
import Database from 'better-sqlite3';
import type { TestAccount } from './accounts.ts';

/** An answer: its status and its JSON body (null for none). */
export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Sends `method path` to the server at `base` as `account` (or no one), with a JSON body if given. */
export async function api<T = Record<string, unknown>>(
  base: string,
  account: TestAccount | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      origin: base,
      ...(account ? { cookie: account.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Makes a group owned by `owner`; its id. */
export async function makeGroup(base: string, owner: TestAccount, name: string): Promise<string> {
  const res = await api<{ id: string }>(base, owner, 'POST', '/api/groups', { name });
  if (res.status !== 201) throw new Error(`POST /api/groups answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A new invite of the group, as its owner gets it. */
export interface MadeInvite {
  id: string;
  role: string;
  expiresAt: string;
  token: string;
  url: string;
}

/** Makes an invite into `groupId` with `role`, as `owner`. */
export async function makeInvite(
  base: string,
  owner: TestAccount,
  groupId: string,
  role: string,
  expiresInHours?: number,
): Promise<MadeInvite> {
  const res = await api<MadeInvite>(base, owner, 'POST', `/api/groups/${groupId}/invites`, { role, expiresInHours });
  if (res.status !== 201) throw new Error(`POST invites answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Accepts an invite as `account`. */
export function acceptAs(base: string, account: TestAccount | null, token: string, headers?: Record<string, string>) {
  return api<{ groupId?: string; role?: string; error?: string }>(
    base,
    account,
    'POST',
    `/api/invites/${token}/accept`,
    undefined,
    headers,
  );
}

/** Makes `account` a member of `groupId` with `role` through a fresh invite. */
export async function addMember(base: string, owner: TestAccount, groupId: string, account: TestAccount, role: string): Promise<void> {
  const invite = await makeInvite(base, owner, groupId, role);
  const res = await acceptAs(base, account, invite.token);
  if (res.status !== 200) throw new Error(`accept answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Writes to the server's database directly (what no route does), and closes the connection. */
export function writeDatabase(dbPath: string, write: (db: Database.Database) => void): void {
  const db = new Database(dbPath, { timeout: 10_000 });
  try {
    write(db);
  } finally {
    db.close();
  }
}

/** Makes an invite expired a second ago. */
export function expireInvite(dbPath: string, inviteId: string): void {
  writeDatabase(dbPath, (db) => db.prepare('UPDATE group_invites SET expires_at = ? WHERE id = ?').run(Date.now() - 1000, inviteId));
}

/** Files a document into a group with a visibility. */
export function fileIntoGroup(dbPath: string, documentId: string, groupId: string, visibility: 'open' | 'public-read' | 'group'): void {
  writeDatabase(dbPath, (db) =>
    db.prepare('UPDATE documents SET group_id = ?, visibility = ? WHERE id = ?').run(groupId, visibility, documentId),
  );
}
