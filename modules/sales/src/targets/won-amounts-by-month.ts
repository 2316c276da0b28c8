import { sql } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';

/** Won amount of one owner (null: nobody) in one month (1–12). */
export interface WonMonth { ownerId: string | null; month: number; amountMinor: number }

/**
 * Sums of deals won in `year`, per owner and month, in one currency. A deal counts in the
 * month (workspace time zone) it entered a won stage: `closed_at`, which the move sets, not
 * the expected close date the rep types.
 */
export async function wonAmountsByMonth(ctx: Pick<Context, 'db' | 'workspaceId'>, opts: { year: number; currency: string; timezone: string }): Promise<WonMonth[]> {
  const from = `${opts.year}-01-01`;
  const to = `${opts.year + 1}-01-01`;
  const result = (await ctx.db.execute(sql`
    select owner_id, extract(month from (closed_at at time zone ${opts.timezone}))::int as month, sum(amount_minor)::text as amount
    from deals
    where workspace_id = ${ctx.workspaceId}::uuid and status = 'won' and deleted_at is null and currency = ${opts.currency}
      and closed_at >= (${from}::timestamp at time zone ${opts.timezone}) and closed_at < (${to}::timestamp at time zone ${opts.timezone})
    group by 1, 2`)) as unknown as { rows: Array<{ owner_id: string | null; month: number; amount: string }> };
  return result.rows.map((r) => ({ ownerId: r.owner_id, month: Number(r.month), amountMinor: Number(r.amount) }));
}
