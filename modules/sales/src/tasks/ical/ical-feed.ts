import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { schema, type Context, type Database } from '@voyage/kernel';
import { taskAttendees, tasks } from '../../db/tasks';
import { renderIcal } from './render-ical';

/** How far back and ahead the feed reaches: a month behind, six months ahead. */
const PAST_DAYS = 31;
const AHEAD_DAYS = 186;
const TOKEN_RE = /^[A-Za-z0-9_-]{32,64}$/;

/** The feed URL of the actor, or null when no token was generated yet. */
export async function icalFeedUrl(ctx: Context, baseUrl: string): Promise<string | null> {
  const [user] = await ctx.db.select({ token: schema.users.icalToken }).from(schema.users).where(eq(schema.users.id, ctx.actor.userId));
  return user?.token ? `${baseUrl}/ical/${user.token}.ics` : null;
}

/** Generates a new secret token for the actor's feed; the previous URL stops working at once. */
export async function rotateIcalToken(ctx: Context, baseUrl: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await ctx.db.update(schema.users).set({ icalToken: token }).where(eq(schema.users.id, ctx.actor.userId));
  return `${baseUrl}/ical/${token}.ics`;
}

/**
 * The calendar of the user holding this token: their open tasks and meetings (assigned or
 * attending) in every
 * workspace they are an active member of, from a month back to six months ahead (and open
 * tasks without a time). Null for an unknown token.
 */
export async function renderIcalFeed(database: Database, token: string, host: string, now = new Date()): Promise<string | null> {
  if (!TOKEN_RE.test(token)) return null;
  const db = database.db;
  const [user] = await db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(eq(schema.users.icalToken, token));
  if (!user) return null;
  const workspaces = db.select({ id: schema.memberships.workspaceId }).from(schema.memberships).where(and(eq(schema.memberships.userId, user.id), eq(schema.memberships.status, 'active')));
  const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
  const to = new Date(now.getTime() + AHEAD_DAYS * 86_400_000);
  const when = sql`coalesce(${tasks.startAt}, ${tasks.dueAt})`;
  const rows = await db.select().from(tasks).where(and(
    inArray(tasks.workspaceId, workspaces),
    or(eq(tasks.ownerId, user.id), sql`exists (select 1 from ${taskAttendees} a where a.workspace_id = ${tasks.workspaceId} and a.task_id = ${tasks.id} and a.user_id = ${user.id})`), eq(tasks.status, 'open'), isNull(tasks.deletedAt),
    or(sql`${when} is null`, and(gte(when, from), lt(when, to))),
  )).orderBy(when, tasks.id).limit(5000);
  return renderIcal(rows, { name: `Voyage CRM — ${user.name}`, host, now });
}
