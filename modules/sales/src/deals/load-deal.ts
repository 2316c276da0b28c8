import { and, eq } from 'drizzle-orm';
import { AppError, scopedWhere, type Context, type ObjectAction } from '@voyage/kernel';
import { deals, type DealRow } from '../db/pipelines';

/** A deal the actor may `access` under its data scope, or 404. */
export async function loadDeal(ctx: Context, id: string, access: ObjectAction = 'read', options: { onlyDeleted?: boolean; forUpdate?: boolean } = {}): Promise<DealRow> {
  const scope = await scopedWhere(ctx, deals, 'deal', { access, onlyDeleted: options.onlyDeleted });
  const query = ctx.db.select().from(deals).where(and(scope, eq(deals.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { params: { what: 'deal' } });
  return row;
}
