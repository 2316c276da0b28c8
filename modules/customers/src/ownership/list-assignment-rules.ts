import { and, asc, eq } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import type { TAssignmentRule } from '@voyage/contracts';
import { assignmentRules } from '../db/ownership';

export const toRuleWire = (r: typeof assignmentRules.$inferSelect): TAssignmentRule => ({
  id: r.id, object: r.object as TAssignmentRule['object'], name: r.name, position: r.position, kind: r.kind as TAssignmentRule['kind'],
  conditions: r.conditions as TAssignmentRule['conditions'], userIds: r.userIds, active: r.active, version: r.version, updatedAt: r.updatedAt.toISOString(),
});

/** Assignment rules in the order they are tried. */
export async function listAssignmentRules(ctx: Context, object?: 'contact' | 'account'): Promise<{ data: TAssignmentRule[] }> {
  const t = assignmentRules;
  const rows = await ctx.db.select().from(t).where(and(eq(t.workspaceId, ctx.workspaceId), object ? eq(t.object, object) : undefined)).orderBy(asc(t.object), asc(t.position), asc(t.id));
  return { data: rows.map(toRuleWire) };
}
