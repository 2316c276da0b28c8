import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { memberships } from '../db/schema';

/** The direct supervisor of each of `userIds` in a workspace (users without one are absent). */
export async function supervisorsOf(db: Queryable, workspaceId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ userId: memberships.userId, supervisorId: memberships.supervisorId }).from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, [...new Set(userIds)])));
  return new Map(rows.filter((r) => r.supervisorId).map((r) => [r.userId, r.supervisorId!]));
}
