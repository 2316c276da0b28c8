import { and, eq, sql } from 'drizzle-orm';
import { assertCapability, newId, writeAudit, type Context } from '@voyage/kernel';
import type { TAssignmentRule, TCreateAssignmentRuleRequest } from '@voyage/contracts';
import { assignmentRules } from '../db/ownership';
import { checkRuleInput } from './check-rule-input';
import { toRuleWire } from './list-assignment-rules';
import { OWNERSHIP_SETTINGS_CAPABILITY } from './update-ownership-settings';

/** Adds a rule at the end of its object's order. */
export async function createAssignmentRule(ctx: Context, input: TCreateAssignmentRuleRequest): Promise<TAssignmentRule> {
  assertCapability(ctx.actor, OWNERSHIP_SETTINGS_CAPABILITY);
  await checkRuleInput(ctx, input.object, input);
  return ctx.database.db.transaction(async (tx) => {
    const t = assignmentRules;
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${t.position}), 0)::int + 1` }).from(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.object, input.object)));
    const [row] = await tx.insert(t).values({
      workspaceId: ctx.workspaceId, id: newId(), object: input.object, name: input.name, kind: input.kind, position: next,
      conditions: input.kind === 'field_match' ? input.conditions ?? [] : [], userIds: input.userIds, active: input.active ?? true,
      createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    }).returning();
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'assignment_rule', recordId: row.id, summary: row.name, newValues: toRuleWire(row), actorUserId: ctx.actor.userId, ip: ctx.ip, requestId: ctx.requestId });
    return toRuleWire(row);
  });
}
