import { sql } from 'drizzle-orm';
import { AppError, translate, type Context } from '@voyage/kernel';

/** Deep enough for any real group structure; a longer chain is treated as a cycle. */
export const HIERARCHY_DEPTH_CAP = 20;

/**
 * Refuses parent changes that would close a loop: an account under itself or under one of
 * its own subsidiaries. Walks up from each new parent, trash included, since restoring an
 * account must not resurrect a loop.
 */
export async function assertNoParentCycle(tx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, changes: Array<{ id: string; parentAccountId?: unknown }>, pathOf: (index: number) => string = () => ''): Promise<void> {
  for (const [i, change] of changes.entries()) {
    const parentId = change.parentAccountId;
    if (typeof parentId !== 'string') continue;
    const cycle = () => new AppError('customers.hierarchy_cycle', { details: { fields: [{ field: `${pathOf(i)}parentAccountId`, code: 'cycle', message: translate(tx.locale, 'errors.customers.hierarchy_cycle') }] } });
    if (parentId === change.id) throw cycle();
    const result = (await tx.db.execute(sql`
      with recursive up(id, depth) as (
        select parent_account_id, 1 from accounts where workspace_id = ${tx.workspaceId} and id = ${parentId}
        union all
        select a.parent_account_id, up.depth + 1 from up join accounts a on a.workspace_id = ${tx.workspaceId} and a.id = up.id
        where up.id is not null and up.id <> ${change.id} and up.depth < ${HIERARCHY_DEPTH_CAP}
      )
      select exists (select 1 from up where id = ${change.id}) as looped, coalesce(max(depth), 0) as depth from up`)) as unknown as { rows: Array<{ looped: boolean; depth: number }> };
    const row = result.rows[0];
    if (row.looped || Number(row.depth) >= HIERARCHY_DEPTH_CAP) throw cycle();
  }
}
