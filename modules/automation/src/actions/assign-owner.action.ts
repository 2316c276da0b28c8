import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ZWorkflowRuleGroup } from '@voyage/contracts';
import { AppError, compileRuleGroup, loadCustomFieldDefs, localized, schema, translate, workflowRecordSource, type FieldIssue, type RuleGroup, type WorkflowActionContext, type WorkflowActionDefinition } from '@voyage/kernel';
import { roundRobinState } from '../db/action-state';
import { usersById } from '../email-templates/merge-fields';
import { ACTION_ERRORS } from './action-messages';
import { requireRecord, sourceFor, type RunRecord } from './action-support';

export const ZAssignOwnerInput = z.object({
  mode: z.enum(['user', 'round_robin', 'rule']),
  /** mode user */
  userId: z.uuid().optional(),
  /** mode round_robin: these members, or the active members of a role. */
  userIds: z.array(z.uuid()).max(200).optional(),
  roleId: z.uuid().optional(),
  /** mode rule: the first rule group the record matches names the owner. */
  rules: z.array(z.object({ rules: ZWorkflowRuleGroup, userId: z.uuid() })).max(20).optional(),
  /** mode rule: when no rule matches (absent: the step fails). */
  fallbackUserId: z.uuid().optional(),
}).superRefine((v, issue) => {
  if (v.mode === 'user' && !v.userId) issue.addIssue({ code: 'custom', path: ['userId'], message: 'required' });
  if (v.mode === 'round_robin' && !v.userIds?.length && !v.roleId) issue.addIssue({ code: 'custom', path: ['userIds'], message: 'required' });
  if (v.mode === 'rule' && !v.rules?.length) issue.addIssue({ code: 'custom', path: ['rules'], message: 'required' });
});
export type TAssignOwnerInput = z.infer<typeof ZAssignOwnerInput>;

const noOwner = (actx: WorkflowActionContext, reason: string) => new AppError(ACTION_ERRORS.noOwner, { params: { reason: translate(actx.ctx.locale, `automation.action.${reason}`) } });

/** The pool's active members, in a stable order (by id), so the rotation is the same for every run. */
async function poolMembers(actx: WorkflowActionContext, input: TAssignOwnerInput): Promise<string[]> {
  const m = schema.memberships;
  const rows = await actx.ctx.db.select({ userId: m.userId }).from(m)
    .where(and(eq(m.workspaceId, actx.ctx.workspaceId), eq(m.status, 'active'), input.userIds?.length ? inArray(m.userId, input.userIds) : eq(m.roleId, input.roleId!)))
    .orderBy(asc(m.userId));
  return rows.map((r) => r.userId);
}

/**
 * Fair rotation: the member after the one who got the last record of this pool (the step of
 * this workflow). The pool's row is locked while choosing, so concurrent runs take turns; a
 * rerun of the same step (same key) gets the member it got before.
 */
async function nextInRotation(actx: WorkflowActionContext, input: TAssignOwnerInput, options: { write: boolean }): Promise<string> {
  const members = await poolMembers(actx, input);
  if (members.length === 0) throw noOwner(actx, 'no_candidates');
  const { db, workspaceId } = actx.ctx;
  const poolKey = `${actx.workflowId}:${actx.stepId}`;
  const where = and(eq(roundRobinState.workspaceId, workspaceId), eq(roundRobinState.poolKey, poolKey));
  if (options.write) await db.insert(roundRobinState).values({ workspaceId, poolKey, lastUserId: members[members.length - 1], lastKey: '' }).onConflictDoNothing();
  const query = db.select().from(roundRobinState).where(where);
  const [state] = options.write ? await query.for('update') : await query;
  if (state && state.lastKey === actx.idempotencyKey) return state.lastUserId;
  const next = members.find((id) => state && id > state.lastUserId) ?? members[0];
  if (options.write) await db.update(roundRobinState).set({ lastUserId: next, lastKey: actx.idempotencyKey, updatedAt: sql`now()` }).where(where);
  return next;
}

/** The first rule group the record matches, evaluated in one query with the object's rule builder. */
async function byRule(actx: WorkflowActionContext, record: RunRecord, input: TAssignOwnerInput): Promise<string> {
  const source = workflowRecordSource(record.object);
  const rules = input.rules ?? [];
  if (source && rules.length) {
    const { ctx } = actx;
    const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, record.object);
    const columns = Object.fromEntries(rules.map((r, i) => [`r${i}`, sql<boolean>`(${compileRuleGroup(source.list, r.rules as RuleGroup, { defs, locale: ctx.locale, actor: ctx.actor, object: record.object })})`]));
    const [row] = await ctx.db.select(columns).from(source.table).where(and(eq(source.columns.workspaceId, ctx.workspaceId), eq(source.columns.id, record.id))) as Array<Record<string, boolean>>;
    const hit = rules.findIndex((_r, i) => row?.[`r${i}`] === true);
    if (hit >= 0) return rules[hit].userId;
  }
  if (input.fallbackUserId) return input.fallbackUserId;
  throw noOwner(actx, 'no_rule_matched');
}

async function chooseOwner(actx: WorkflowActionContext, record: RunRecord, input: TAssignOwnerInput, write: boolean): Promise<string> {
  if (input.mode === 'user') return input.userId!;
  if (input.mode === 'round_robin') return nextInRotation(actx, input, { write });
  return byRule(actx, record, input);
}

/** `automation.assign_owner`: a named member, the next one in a fair rotation, or the first matching rule's. */
export const assignOwnerAction: WorkflowActionDefinition<TAssignOwnerInput> = {
  key: 'automation.assign_owner',
  labels: localized('分配负责人', '指派負責人', 'Assign an owner'),
  descriptions: localized('指定成员、轮流分配或按规则分配', '指定成員、輪流指派或依規則指派', 'A named member, round robin, or by rule'),
  fields: [
    { key: 'mode', kind: 'select', required: true, labels: localized('方式', '方式', 'How'), options: [
      { value: 'user', labels: localized('指定成员', '指定成員', 'A named member') },
      { value: 'round_robin', labels: localized('轮流分配', '輪流指派', 'Round robin') },
      { value: 'rule', labels: localized('按规则', '依規則', 'By rule') },
    ] },
    { key: 'userId', kind: 'user', labels: localized('成员', '成員', 'Member') },
    { key: 'userIds', kind: 'users', labels: localized('轮流的成员', '輪流的成員', 'Members to rotate') },
    { key: 'roleId', kind: 'role', labels: localized('或按角色轮流', '或依角色輪流', 'Or rotate over a role') },
    { key: 'fallbackUserId', kind: 'user', labels: localized('无规则匹配时', '無規則符合時', 'When no rule matches') },
  ],
  input: ZAssignOwnerInput,
  /** Rules are compiled against the object at publish, so a bad field or operator is named then, not at run time. */
  async check(ctx, input, object) {
    const source = object ? workflowRecordSource(object) : undefined;
    if (input.mode !== 'rule' || !source || !object) return [];
    const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, object);
    return (input.rules ?? []).flatMap((rule, i) => {
      try {
        // Named as the designer shows them: "Rule 2", counted from 1.
        compileRuleGroup(source.list, rule.rules as RuleGroup, { defs, locale: ctx.locale, actor: ctx.actor, object, path: `rules.${i}.rules.rules`, label: () => translate(ctx.locale, 'workflow.issue.rule_label', { n: i + 1 }) });
        return [];
      } catch (error) {
        const fields = error instanceof AppError ? (error.details as { fields?: FieldIssue[] } | undefined)?.fields : undefined;
        if (!fields) throw error;
        return fields;
      }
    });
  },
  async describe(actx, input) {
    const record = requireRecord(actx);
    const ownerId = await chooseOwner(actx, record, input, false);
    const name = (await usersById(actx.ctx.db, [ownerId])).get(ownerId)?.name ?? ownerId;
    return { summary: translate(actx.ctx.locale, 'automation.action.summary.assign_owner', { name }), output: { ownerId } };
  },
  async run(actx, input) {
    const record = requireRecord(actx);
    const ownerId = await chooseOwner(actx, record, input, true);
    if (record.values.ownerId !== ownerId) await sourceFor(record.object, 'update').update(actx.ctx, record.id, { ownerId });
    return { ownerId };
  },
};
