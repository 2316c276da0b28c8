import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { AppError } from '../errors';

/**
 * Refuses a change that would leave the workspace without an active administrator: one member
 * losing admin rights (`exceptUserId`) or a whole role losing them (`exceptRoleId`).
 * The admin memberships are locked so two concurrent demotions cannot both pass.
 */
export async function assertAdminRemains(db: Queryable, workspaceId: string, change: { exceptUserId?: string; exceptRoleId?: string }): Promise<void> {
  const result = (await db.execute(sql`
    select m.user_id, m.role_id from memberships m
    join roles r on r.workspace_id = m.workspace_id and r.id = m.role_id
    where m.workspace_id = ${workspaceId} and m.status = 'active' and r.is_admin and r.deleted_at is null
    for update of m`)) as unknown as { rows: Array<{ user_id: string; role_id: string }> };
  const remaining = result.rows.filter((r) => r.user_id !== change.exceptUserId && r.role_id !== change.exceptRoleId);
  if (remaining.length === 0) throw new AppError('tenancy.last_admin');
}
