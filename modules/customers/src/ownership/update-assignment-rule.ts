import { and, eq, sql } from 'drizzle-orm';
import { AppError, assertCapability, notFound, writeAudit, type Context } from '@voyage/kernel';
import type { TAssignmentRule, TUpdateAssignmentRuleRequest } from '@voyage/contracts';
import { assignmentRules } from '../db/ownership';
import { checkRuleInput } from './check-rule-input';
import { toRuleWire } from './list-assignment-rules';
import { OWNERSHIP_SETTINGS_CAPABILITY } from './update-ownership-settings';

/** Changes a rule; a stale version is a 409. */
export async function updateAssignmentRule(ctx: Context, id: string, input: TUpdateAssignmentRuleRequest): Promise<TAssignmentRule> {
  assertCapability(ctx.actor, OWNERSHIP_SETTINGS_CAPABILITY);
  const t = assignmentRules;
  const [current] = await ctx.db.select().from(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id)));
  if (!current) throw notFound('assignment_rule');
  const { version, ...changes } = input;
  const kind = changes.kind ?? current.kind;
  await checkRuleInput(ctx, current.object as 'contact' | 'account', { kind, conditions: changes.conditions ?? (kind === 'field_match' ? (current.conditions as TAssignmentRule['conditions']) : []), userIds: changes.userIds });
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (kind === 'round_robin') set.conditions = [];
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(t).set({ ...set, version: sql`${t.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id), eq(t.version, version))).returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'assignment_rule', recordId: id, summary: row.name, oldValues: toRuleWire(current), newValues: toRuleWire(row), actorUserId: ctx.actor.userId, ip: ctx.ip, requestId: ctx.requestId });
    return toRuleWire(row);
  });
}
