import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { schema, type Context } from '@voyage/kernel';
import { salesTargets, type SalesTargetRow } from '../db/targets';
import type { PeriodKind } from './target-periods';

/** The workspace's currency and time zone (targets default to the one, periods follow the other). */
export async function workspaceSettings(ctx: Pick<Context, 'db' | 'workspaceId'>): Promise<{ currency: string; timezone: string }> {
  const [ws] = await ctx.db.select({ currency: schema.workspaces.currency, timezone: schema.workspaces.timezone }).from(schema.workspaces).where(eq(schema.workspaces.id, ctx.workspaceId));
  return { currency: ws?.currency ?? 'CNY', timezone: ws?.timezone ?? 'Asia/Shanghai' };
}

/** Stored targets of one metric and currency whose period starts in `year`. */
export async function loadTargetsOfYear(ctx: Pick<Context, 'db' | 'workspaceId'>, opts: { year: number; metric: string; currency: string; kinds?: PeriodKind[] }): Promise<SalesTargetRow[]> {
  return ctx.db.select().from(salesTargets).where(and(
    eq(salesTargets.workspaceId, ctx.workspaceId), eq(salesTargets.metric, opts.metric as SalesTargetRow['metric']), eq(salesTargets.currency, opts.currency),
    gte(salesTargets.periodStart, `${opts.year}-01-01`), lte(salesTargets.periodStart, `${opts.year}-12-31`),
    opts.kinds ? inArray(salesTargets.periodKind, opts.kinds) : undefined,
  ));
}

/** The scope id a target row stores: the workspace id stands for the company. */
export function storedScopeId(workspaceId: string, scope: string, scopeId: string | null | undefined): string {
  return scope === 'company' ? workspaceId : scopeId!;
}
