import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { TCreateLeadAssignmentRuleRequest, TLeadAssignmentRule, TUpdateLeadAssignmentRuleRequest } from '@voyage/contracts';
import { AppError, assertCapability, newId, runInTransaction, translate, writeAudit, type Context } from '@voyage/kernel';
import { leadAssignmentRules } from '../db/leads';
import { checkLeadOwners } from './check-lead-input';
import { LEAD_ERRORS } from './lead-messages';

/** Assignment rules shape how a workspace's data flows, like the customers' rules: same capability. */
export const LEAD_RULES_CAPABILITY = 'settings.custom_fields';

type RuleRow = typeof leadAssignmentRules.$inferSelect;
const toWire = (r: RuleRow): TLeadAssignmentRule => ({ id: r.id, name: r.name, position: r.position, kind: r.kind, field: r.field as TLeadAssignmentRule['field'], value: r.value, userIds: r.userIds, active: r.active, version: r.version });
const live = (ctx: Context) => and(eq(leadAssignmentRules.workspaceId, ctx.workspaceId), isNull(leadAssignmentRules.deletedAt));

/** A field-match rule needs its field and value (400 naming the missing one). */
function checkRule(ctx: Context, rule: { kind: string; field?: string | null; value?: string | null }): void {
  if (rule.kind !== 'field_match') return;
  const missing = !rule.field ? 'field' : !rule.value?.trim() ? 'value' : null;
  if (missing) throw new AppError(LEAD_ERRORS.ruleInvalid, { params: { field: missing }, details: { fields: [{ field: missing, code: 'required', message: translate(ctx.locale, 'sales.field.required', { field: missing }) }] } });
}

/** Rules in the order they are tried. */
export async function listLeadAssignmentRules(ctx: Context): Promise<TLeadAssignmentRule[]> {
  assertCapability(ctx.actor, LEAD_RULES_CAPABILITY);
  const rows = await ctx.db.select().from(leadAssignmentRules).where(live(ctx)).orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.id));
  return rows.map(toWire);
}

/** Adds a rule at the end of the list. */
export async function createLeadAssignmentRule(ctx: Context, input: TCreateLeadAssignmentRuleRequest): Promise<TLeadAssignmentRule> {
  assertCapability(ctx.actor, LEAD_RULES_CAPABILITY);
  checkRule(ctx, input);
  return runInTransaction(ctx, async (tx) => {
    await checkLeadOwners(tx, input.userIds, 'userIds');
    const [last] = await tx.db.select({ n: max(leadAssignmentRules.position) }).from(leadAssignmentRules).where(live(tx));
    const [row] = await tx.db.insert(leadAssignmentRules).values({
      workspaceId: tx.workspaceId, id: newId(), name: input.name, kind: input.kind, field: input.kind === 'field_match' ? input.field ?? null : null,
      value: input.kind === 'field_match' ? input.value?.trim() ?? null : null, userIds: input.userIds, active: input.active ?? true,
      position: (last?.n ?? -1) + 1, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'lead_assignment_rule', recordId: row.id, summary: row.name, newValues: toWire(row), actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

/** Changes a rule (send its version). */
export async function updateLeadAssignmentRule(ctx: Context, id: string, input: TUpdateLeadAssignmentRuleRequest): Promise<TLeadAssignmentRule> {
  assertCapability(ctx.actor, LEAD_RULES_CAPABILITY);
  return runInTransaction(ctx, async (tx) => {
    const [current] = await tx.db.select().from(leadAssignmentRules).where(and(live(tx), eq(leadAssignmentRules.id, id))).for('update');
    if (!current) throw new AppError('not_found', { params: { what: 'rule' } });
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const next = { kind: input.kind ?? current.kind, field: input.field !== undefined ? input.field : current.field, value: input.value !== undefined ? input.value : current.value };
    checkRule(tx, next);
    if (input.userIds) await checkLeadOwners(tx, input.userIds, 'userIds');
    const { version: _v, ...changes } = input;
    const [row] = await tx.db.update(leadAssignmentRules).set({ ...changes, version: sql`${leadAssignmentRules.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(leadAssignmentRules.workspaceId, tx.workspaceId), eq(leadAssignmentRules.id, id))).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'lead_assignment_rule', recordId: id, summary: row.name, oldValues: toWire(current), newValues: toWire(row), actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

/** Removes a rule. */
export async function deleteLeadAssignmentRule(ctx: Context, id: string): Promise<void> {
  assertCapability(ctx.actor, LEAD_RULES_CAPABILITY);
  await runInTransaction(ctx, async (tx) => {
    const [row] = await tx.db.update(leadAssignmentRules).set({ deletedAt: new Date(), updatedBy: tx.actor.userId }).where(and(live(tx), eq(leadAssignmentRules.id, id))).returning();
    if (!row) throw new AppError('not_found', { params: { what: 'rule' } });
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'delete', object: 'lead_assignment_rule', recordId: id, summary: row.name, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
  });
}
