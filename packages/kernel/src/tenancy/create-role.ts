import type { Context, DataScope, RoleSnapshot } from '../context';
import { roles } from '../db/schema';
import { AppError } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { newId } from '../ids';
import type { ModuleRegistry } from '../module-registry/registry';
import { listRoles, type RoleView } from './list-roles';
import { validateRoleInput } from './validate-role-input';

export interface CreateRoleInput {
  name: string;
  description?: string;
  isAdmin?: boolean;
  dataScope: DataScope;
  permissions?: RoleSnapshot['permissions'];
  fieldRules?: RoleSnapshot['fieldRules'];
  capabilities?: string[];
}

export async function createRole(ctx: Context, registry: ModuleRegistry, input: CreateRoleInput): Promise<RoleView> {
  const { workspaceId, actor } = ctx;
  validateRoleInput(ctx.locale, registry, input);
  // Only an administrator may create another administrator role.
  if (input.isAdmin && !actor.role.isAdmin) throw new AppError('forbidden', { params: { action: 'role.admin' } });
  const id = newId();
  const values = {
    name: input.name,
    description: input.description ?? '',
    isAdmin: input.isAdmin ?? false,
    dataScope: input.dataScope,
    permissions: input.permissions ?? {},
    fieldRules: input.fieldRules ?? {},
    capabilities: [...new Set(input.capabilities ?? [])],
  };
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(roles).values({ workspaceId, id, ...values, createdBy: actor.userId, updatedBy: actor.userId });
    await writeAudit(tx, { workspaceId, action: 'permission_change', object: 'role', recordId: id, summary: input.name, newValues: values, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return (await listRoles({ ...ctx, db: ctx.database.db }, { id }))[0];
}
