import type { Context } from '../context';
import { departments } from '../db/schema';
import { writeAudit } from '../audit/write-audit';
import { newId } from '../ids';
import { checkDepartmentReferences } from './check-department-references';
import { listDepartments, type DepartmentView } from './list-departments';

export interface CreateDepartmentInput {
  name: string;
  parentId?: string | null;
  headUserId?: string | null;
  position?: number;
}

export async function createDepartment(ctx: Context, input: CreateDepartmentInput): Promise<DepartmentView> {
  const { workspaceId, actor } = ctx;
  const id = newId();
  await ctx.database.db.transaction(async (tx) => {
    await checkDepartmentReferences({ ...ctx, db: tx }, input);
    const values = { name: input.name, parentId: input.parentId ?? null, headUserId: input.headUserId ?? null, position: input.position ?? 0 };
    await tx.insert(departments).values({ workspaceId, id, ...values, createdBy: actor.userId, updatedBy: actor.userId });
    await writeAudit(tx, { workspaceId, action: 'create', object: 'department', recordId: id, summary: input.name, newValues: values, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return (await listDepartments({ ...ctx, db: ctx.database.db }, { id }))[0];
}
