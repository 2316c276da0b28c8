import { and, eq, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { AppError, scopedWhere, type Context, type ObjectAction } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';

/**
 * Leads the actor may reach for `access`: its data scope, plus the lead pool (no owner),
 * which every holder of the lead right sees and may claim (no owner means no scope hides it).
 */
export async function leadScope(ctx: Context, access: ObjectAction = 'read', options: { onlyDeleted?: boolean } = {}): Promise<SQL> {
  const scope = await scopedWhere(ctx, leads, 'lead', { access, onlyDeleted: options.onlyDeleted });
  const pool = and(eq(leads.workspaceId, ctx.workspaceId), isNull(leads.ownerId), options.onlyDeleted ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt));
  return or(scope, pool)!;
}

/** A lead the actor may `access`, or 404. */
export async function loadLead(ctx: Context, id: string, access: ObjectAction = 'read', options: { onlyDeleted?: boolean; forUpdate?: boolean } = {}): Promise<LeadRow> {
  const scope = await leadScope(ctx, access, options);
  const query = ctx.db.select().from(leads).where(and(scope, eq(leads.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { params: { what: 'lead' } });
  return row;
}
