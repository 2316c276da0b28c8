import { assertCan, type Context } from '@voyage/kernel';
import type { TContactRoleListResponse } from '@voyage/contracts';
import { loadContactRoles } from './contact-role-catalog';

/** The roles a contact can hold at an account, for pickers and the graph legend. */
export async function listContactRoles(ctx: Context): Promise<TContactRoleListResponse> {
  assertCan(ctx.actor, 'contact', 'read');
  return { data: await loadContactRoles(ctx) };
}
