import { and, eq, isNull } from 'drizzle-orm';
import type { Context, DataScope, RoleSnapshot } from '../context';
import { roles } from '../db/schema';
import { AppError, notFound } from '../errors';
import { diffValues, writeAudit } from '../audit/write-audit';
import type { ModuleRegistry } from '../module-registry/registry';
import { assertAdminRemains } from './assert-admin-remains';
import { listRoles, type RoleView } from './list-roles';
import { validateRoleInput } from './validate-role-input';

export interface UpdateRoleInput {
  name?: string;
  description?: string;
  isAdmin?: boolean;
  dataScope?: DataScope;
  permissions?: RoleSnapshot['permissions'];
  fieldRules?: RoleSnapshot['fieldRules'];
  capabilities?: string[];
  version: number;
}

const FIELDS = ['name', 'description', 'isAdmin', 'dataScope', 'permissions', 'fieldRules', 'capabilities'] as const;

export async function updateRole(ctx: Context, registry: ModuleRegistry, id: string, input: UpdateRoleInput): Promise<RoleView> {
  const { workspaceId, actor } = ctx;
  validateRoleInput(ctx.locale, registry, input);
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select().from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id), isNull(roles.deletedAt)));
    const current = rows[0];
    if (!current) throw notFound('role');
    if (current.version !== input.version) throw new AppError('version_conflict');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of FIELDS) {
      before[key] = current[key];
      after[key] = input[key] === undefined ? current[key] : key === 'capabilities' ? [...new Set(input.capabilities)] : input[key];
    }
    const { oldValues, newValues } = diffValues(before, after);
    if (Object.keys(newValues).length === 0) return;
    if ('isAdmin' in newValues && !actor.role.isAdmin) throw new AppError('forbidden', { params: { action: 'role.admin' } });
    if (newValues.isAdmin === false) await assertAdminRemains(tx, workspaceId, { exceptRoleId: id });
    const updated = await tx
      .update(roles)
      .set({ ...newValues, version: current.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id), eq(roles.version, input.version)))
      .returning({ id: roles.id });
    if (!updated[0]) throw new AppError('version_conflict');
    await writeAudit(tx, { workspaceId, action: 'permission_change', object: 'role', recordId: id, summary: current.name, oldValues, newValues, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return (await listRoles({ ...ctx, db: ctx.database.db }, { id }))[0];
}
