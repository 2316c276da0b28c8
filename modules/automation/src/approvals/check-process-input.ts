import { and, eq, inArray } from 'drizzle-orm';
import type { TApprovalStep } from '@voyage/contracts';
import { compileRuleGroup, loadCustomFieldDefs, schema, translate, validationError, workflowRecordSource, type Context, type FieldIssue, type RuleGroup } from '@voyage/kernel';
import { newId } from '@voyage/kernel';
import type { ApprovalStepConfig } from '../db/approvals';
import './approval-messages';

export interface ProcessInput {
  object: string;
  steps?: TApprovalStep[];
  guardedFields?: string[];
  onApproved?: Record<string, unknown>;
  onRejected?: Record<string, unknown>;
}

/**
 * Checks a process against the workflow catalogue and the workspace: a known record kind,
 * step conditions that compile on the object's list, approvers who exist, guarded and outcome
 * fields of the object. Every problem is a 400 naming its path. Returns the steps with ids.
 */
export async function checkProcessInput(ctx: Context, input: ProcessInput): Promise<ApprovalStepConfig[] | undefined> {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string, params: Record<string, string | number> = {}) => issues.push({ field, code, message: translate(ctx.locale, key, { field, ...params }) });
  const source = workflowRecordSource(input.object);
  if (!source) {
    issue('object', 'unknown', 'automation.approvals.field.unknown_object', { object: input.object });
    throw validationError(issues);
  }
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, input.object);
  const known = new Set([...source.fields.map((f) => f.key), ...defs.map((d) => `custom.${d.key}`)]);
  const writable = new Set([...source.fields.filter((f) => f.writable).map((f) => f.key), ...defs.map((d) => `custom.${d.key}`)]);
  (input.guardedFields ?? []).forEach((name, i) => { if (!known.has(name)) issue(`guardedFields.${i}`, 'unknown', 'automation.approvals.field.unknown_field', { name }); });
  for (const key of ['onApproved', 'onRejected'] as const) {
    for (const name of Object.keys(input[key] ?? {})) {
      if (!known.has(name)) issue(`${key}.${name}`, 'unknown', 'automation.approvals.field.unknown_field', { name });
      else if (!writable.has(name) || !source.update) issue(`${key}.${name}`, 'not_writable', 'automation.approvals.field.not_writable', { name });
    }
  }
  if (!input.steps) {
    if (issues.length) throw validationError(issues);
    return undefined;
  }
  const userIds = input.steps.flatMap((s) => (s.approver.kind === 'user' && s.approver.userId ? [s.approver.userId] : []));
  const roleIds = input.steps.flatMap((s) => (s.approver.kind === 'role' && s.approver.roleId ? [s.approver.roleId] : []));
  const members = userIds.length ? await ctx.db.select({ id: schema.memberships.userId }).from(schema.memberships)
    .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), inArray(schema.memberships.userId, userIds), eq(schema.memberships.status, 'active'))) : [];
  const roles = roleIds.length ? await ctx.db.select({ id: schema.roles.id }).from(schema.roles)
    .where(and(eq(schema.roles.workspaceId, ctx.workspaceId), inArray(schema.roles.id, roleIds))) : [];
  const memberSet = new Set(members.map((m) => m.id));
  const roleSet = new Set(roles.map((r) => r.id));
  const seen = new Set<string>();
  const steps = input.steps.map((step, i): ApprovalStepConfig => {
    const path = `steps.${i}`;
    const id = step.id ?? newId();
    if (seen.has(id)) issue(`${path}.id`, 'duplicate', 'automation.approvals.field.duplicate_step', { id });
    seen.add(id);
    const a = step.approver;
    if (a.kind === 'user' && (!a.userId || !memberSet.has(a.userId))) issue(`${path}.approver.userId`, 'unknown', 'automation.approvals.field.unknown_user');
    if (a.kind === 'role' && (!a.roleId || !roleSet.has(a.roleId))) issue(`${path}.approver.roleId`, 'unknown', 'automation.approvals.field.unknown_role');
    if (step.condition) {
      try {
        compileRuleGroup(source.list, step.condition as RuleGroup, { defs, locale: ctx.locale, object: input.object, path: `${path}.condition.rules` });
      } catch (e) {
        const fields = (e as { details?: { fields?: FieldIssue[] } }).details?.fields;
        if (!fields) throw e;
        issues.push(...fields);
      }
    }
    return {
      id, name: step.name, condition: step.condition ?? null,
      approver: { kind: a.kind, userId: a.kind === 'user' ? a.userId ?? null : null, roleId: a.kind === 'role' ? a.roleId ?? null : null, mode: a.kind === 'role' ? a.mode ?? 'any' : 'any', levels: a.kind === 'supervisor' ? a.levels ?? 1 : 1 },
    };
  });
  if (issues.length) throw validationError(issues);
  return steps;
}
