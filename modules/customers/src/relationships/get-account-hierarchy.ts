import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TAccountHierarchyResponse, THierarchyAccount } from '@voyage/contracts';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import { accounts } from '../db/schema';
import { HIERARCHY_DEPTH_CAP } from './assert-no-parent-cycle';

interface TreeRow { id: string; name: string; parent_id: string | null; depth: number }

/**
 * Ancestors, siblings and subsidiaries of an account (live ones), found with recursive
 * queries that stop at the depth cap and never revisit an account, so a loop left by bad
 * data cannot hang them. Accounts outside the actor's scope keep their place, without name.
 */
export async function getAccountHierarchy(ctx: Context, accountId: string): Promise<TAccountHierarchyResponse> {
  const scope = await scopedWhere(ctx, accounts, 'account');
  const [self] = await ctx.db.select({ id: accounts.id, name: accounts.name, parentId: accounts.parentAccountId }).from(accounts).where(and(scope, eq(accounts.id, accountId)));
  if (!self) throw notFound('account');
  const ws = ctx.workspaceId;
  const rows = async (query: ReturnType<typeof sql>) => ((await ctx.db.execute(query)) as unknown as { rows: TreeRow[] }).rows;
  const up = await rows(sql`
    with recursive up(id, name, parent_id, depth, path) as (
      select a.id, a.name, a.parent_account_id, 1, array[${accountId}::uuid, a.id] from accounts a
      where a.workspace_id = ${ws} and a.id = ${self.parentId} and a.deleted_at is null
      union all
      select a.id, a.name, a.parent_account_id, up.depth + 1, up.path || a.id from up
      join accounts a on a.workspace_id = ${ws} and a.id = up.parent_id and a.deleted_at is null
      where up.depth < ${HIERARCHY_DEPTH_CAP} and not a.id = any(up.path)
    ) select id, name, parent_id, depth from up order by depth desc`);
  const down = await rows(sql`
    with recursive down(id, name, parent_id, depth, path) as (
      select a.id, a.name, a.parent_account_id, 1, array[${accountId}::uuid, a.id] from accounts a
      where a.workspace_id = ${ws} and a.parent_account_id = ${accountId} and a.deleted_at is null
      union all
      select a.id, a.name, a.parent_account_id, down.depth + 1, down.path || a.id from down
      join accounts a on a.workspace_id = ${ws} and a.parent_account_id = down.id and a.deleted_at is null
      where down.depth < ${HIERARCHY_DEPTH_CAP} and not a.id = any(down.path)
    ) select id, name, parent_id, depth from down order by depth, name`);
  const siblings = self.parentId
    ? await ctx.db.select({ id: accounts.id, name: accounts.name, parent_id: accounts.parentAccountId, depth: sql<number>`0` }).from(accounts)
      .where(and(eq(accounts.workspaceId, ws), eq(accounts.parentAccountId, self.parentId), sql`${accounts.id} <> ${accountId}`, sql`${accounts.deletedAt} is null`)).orderBy(accounts.name).limit(200)
    : [];
  const ids = [...up, ...down, ...siblings].map((r) => r.id);
  const visible = new Set(ids.length ? (await ctx.db.select({ id: accounts.id }).from(accounts).where(and(scope, inArray(accounts.id, ids)))).map((r) => r.id) : []);
  const wire = (r: TreeRow, depth: number): THierarchyAccount => ({ id: r.id, name: visible.has(r.id) ? r.name : null, locked: !visible.has(r.id), parentId: r.parent_id, depth });
  return {
    ancestors: up.map((r) => wire(r, -Number(r.depth))),
    account: { id: self.id, name: self.name, locked: false, parentId: self.parentId, depth: 0 },
    siblings: siblings.map((r) => wire(r, 0)),
    descendants: down.map((r) => wire(r, Number(r.depth))),
    truncated: [...up, ...down].some((r) => Number(r.depth) >= HIERARCHY_DEPTH_CAP),
  };
}
