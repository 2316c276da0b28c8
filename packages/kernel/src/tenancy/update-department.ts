import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { departments } from '../db/schema';
import { AppError, notFound } from '../errors';
import { pickChanges, writeAudit } from '../audit/write-audit';
import { checkDepartmentReferences } from './check-department-references';
import { listDepartments, type DepartmentView } from './list-departments';

export interface UpdateDepartmentInput {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
  position?: number;
  version: number;
}

const FIELDS = ['name', 'parentId', 'headUserId', 'position'] as const;

export async function updateDepartment(ctx: Context, id: string, input: UpdateDepartmentInput): Promise<DepartmentView> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select().from(departments).where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, id), isNull(departments.deletedAt)));
    const current = rows[0];
    if (!current) throw notFound('department');
    if (current.version !== input.version) throw new AppError('version_conflict');
    const { changes, previous } = pickChanges(current, input, FIELDS);
    if (Object.keys(changes).length === 0) return;
    await checkDepartmentReferences({ ...ctx, db: tx }, { parentId: changes.parentId as string | null | undefined, headUserId: changes.headUserId as string | null | undefined });
    if (changes.parentId) await assertNotDescendant(tx, workspaceId, id, changes.parentId as string);
    const updated = await tx
      .update(departments)
      .set({ ...changes, version: current.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, id), eq(departments.version, input.version)))
      .returning({ id: departments.id });
    if (!updated[0]) throw new AppError('version_conflict');
    await writeAudit(tx, { workspaceId, action: 'update', object: 'department', recordId: id, summary: current.name, oldValues: previous, newValues: changes, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return (await listDepartments({ ...ctx, db: ctx.database.db }, { id }))[0];
}

/** Moving a department under itself or one of its descendants would cut the tree loose. */
async function assertNotDescendant(tx: Context['db'], workspaceId: string, id: string, newParentId: string): Promise<void> {
  const found = (await tx.execute(sql`
    with recursive ancestors(id) as (
      select ${newParentId}::uuid
      union
      select d.parent_id from departments d join ancestors a on d.id = a.id
      where d.workspace_id = ${workspaceId} and d.parent_id is not null
    ) select 1 from ancestors where id = ${id}::uuid limit 1`)) as unknown as { rows: unknown[] };
  if (found.rows.length) throw new AppError('tenancy.department_cycle');
}
