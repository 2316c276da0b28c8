import { and, eq, sql } from 'drizzle-orm';
import { assertCapability, validationError, type Context } from '@voyage/kernel';
import type { TAssignmentRule, TReorderAssignmentRulesRequest } from '@voyage/contracts';
import { assignmentRules } from '../db/ownership';
import { listAssignmentRules } from './list-assignment-rules';
import { OWNERSHIP_SETTINGS_CAPABILITY } from './update-ownership-settings';

/** Sets the order of an object's rules: `ids` must list every one of them once. */
export async function reorderAssignmentRules(ctx: Context, input: TReorderAssignmentRulesRequest): Promise<{ data: TAssignmentRule[] }> {
  assertCapability(ctx.actor, OWNERSHIP_SETTINGS_CAPABILITY);
  const t = assignmentRules;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select({ id: t.id }).from(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.object, input.object))).for('update');
    const known = new Set(rows.map((r) => r.id));
    if (input.ids.length !== known.size || new Set(input.ids).size !== known.size || input.ids.some((id) => !known.has(id))) {
      throw validationError([{ field: 'ids', code: 'invalid', message: 'List every rule of this object exactly once' }]);
    }
    const cases = sql.join(input.ids.map((id, i) => sql`when ${id}::uuid then ${i + 1}::int`), sql` `);
    await tx.update(t).set({ position: sql`case ${t.id} ${cases} end` }).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.object, input.object)));
  });
  return listAssignmentRules(ctx, input.object);
}
