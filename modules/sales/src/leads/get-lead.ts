import { applyFieldSecurity, type Context } from '@voyage/kernel';
import type { LeadRow } from '../db/leads';
import { leadToWire } from './lead-wire';
import { loadLead } from './load-lead';

/** A lead row as the actor may see it (field security applied). */
export function securedLead(ctx: Context, row: LeadRow): Record<string, unknown> {
  return applyFieldSecurity(ctx.actor, 'lead', [leadToWire(row)])[0];
}

/** One lead in the actor's scope or the pool. */
export async function getLead(ctx: Context, id: string): Promise<Record<string, unknown>> {
  return securedLead(ctx, await loadLead(ctx, id));
}
