import { and, eq, inArray, isNull } from 'drizzle-orm';
import { compileRuleGroup, loadCustomFieldDefs, schema, supervisorsOf, translate, workflowRecordSource, type Context, type Queryable, type RuleGroup } from '@voyage/kernel';
import type { ApprovalStage, ApprovalStepConfig } from '../db/approvals';
import './approval-messages';

/**
 * The stages a record goes through: the steps whose condition it matches, in order, a
 * supervisor step of N levels becoming N stages (the direct supervisor first).
 */
export async function planStages(ctx: Context, object: string, recordId: string, steps: ApprovalStepConfig[]): Promise<ApprovalStage[]> {
  const source = workflowRecordSource(object);
  if (!source) return [];
  const defs = steps.some((s) => s.condition) ? await loadCustomFieldDefs(ctx.db, ctx.workspaceId, object) : [];
  const stages: ApprovalStage[] = [];
  for (const step of steps) {
    if (step.condition && step.condition.rules.length > 0) {
      const where = compileRuleGroup(source.list, step.condition as RuleGroup, { defs, locale: ctx.locale, object });
      const c = source.columns;
      const rows = await ctx.db.select({ id: c.id }).from(source.table)
        .where(and(eq(c.workspaceId, ctx.workspaceId), eq(c.id, recordId), c.deletedAt ? isNull(c.deletedAt) : undefined, where));
      if (rows.length === 0) continue;
    }
    const levels = step.approver.kind === 'supervisor' ? step.approver.levels : 1;
    for (let level = 1; level <= levels; level += 1) {
      const name = levels > 1 ? translate(ctx.locale, 'automation.approvals.level', { name: step.name, level }) : step.name;
      stages.push({ stepId: step.id, name, level, mode: step.approver.kind === 'role' ? step.approver.mode : 'any' });
    }
  }
  return stages;
}

async function activeMembers(db: Queryable, workspaceId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.select({ id: schema.memberships.userId }).from(schema.memberships)
    .where(and(eq(schema.memberships.workspaceId, workspaceId), inArray(schema.memberships.userId, [...new Set(userIds)]), eq(schema.memberships.status, 'active')));
  const active = new Set(rows.map((r) => r.id));
  return [...new Set(userIds)].filter((id) => active.has(id));
}

/** Who decides a stage for this submitter: active members only; empty when nobody fits. */
export async function resolveApprovers(db: Queryable, workspaceId: string, step: ApprovalStepConfig, level: number, submitterId: string, chosenApproverId: string | null): Promise<string[]> {
  const a = step.approver;
  const m = schema.memberships;
  switch (a.kind) {
    case 'user':
      return activeMembers(db, workspaceId, a.userId ? [a.userId] : []);
    case 'submitter_choice':
      return activeMembers(db, workspaceId, chosenApproverId ? [chosenApproverId] : []);
    case 'role': {
      if (!a.roleId) return [];
      const rows = await db.select({ id: m.userId }).from(m).where(and(eq(m.workspaceId, workspaceId), eq(m.roleId, a.roleId), eq(m.status, 'active')));
      return rows.map((r) => r.id).sort();
    }
    case 'supervisor': {
      let current: string | undefined = submitterId;
      for (let i = 0; i < level && current; i += 1) current = (await supervisorsOf(db, workspaceId, [current])).get(current);
      return activeMembers(db, workspaceId, current ? [current] : []);
    }
    case 'department_head': {
      const rows = await db.select({ head: schema.departments.headUserId }).from(m)
        .innerJoin(schema.departments, and(eq(schema.departments.workspaceId, m.workspaceId), eq(schema.departments.id, m.departmentId)))
        .where(and(eq(m.workspaceId, workspaceId), eq(m.userId, submitterId)));
      return activeMembers(db, workspaceId, rows[0]?.head ? [rows[0].head] : []);
    }
  }
}

/** The workspace's active administrators: who decides when a step has nobody and the process says so. */
export async function workspaceAdmins(db: Queryable, workspaceId: string): Promise<string[]> {
  const m = schema.memberships;
  const rows = await db.select({ id: m.userId }).from(m)
    .innerJoin(schema.roles, and(eq(schema.roles.workspaceId, m.workspaceId), eq(schema.roles.id, m.roleId)))
    .where(and(eq(m.workspaceId, workspaceId), eq(m.status, 'active'), eq(schema.roles.isAdmin, true)));
  return rows.map((r) => r.id).sort();
}
