import { and, eq, inArray } from 'drizzle-orm';
import { loadCustomFieldDefs, schema, translate, validateCustomValuesBatch, validationError, type Context, type FieldIssue } from '@voyage/kernel';

/** Owners named in the inputs must be members of the workspace (400 naming `ownerId`). */
export async function checkLeadOwners(ctx: Context, ownerIds: Array<string | null | undefined>, field = 'ownerId'): Promise<void> {
  const owners = [...new Set(ownerIds.filter((id): id is string => typeof id === 'string'))];
  if (!owners.length) return;
  const members = await ctx.db.select({ userId: schema.memberships.userId }).from(schema.memberships)
    .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), inArray(schema.memberships.userId, owners)));
  const known = new Set(members.map((m) => m.userId));
  const issues: FieldIssue[] = owners.filter((id) => !known.has(id)).map(() => ({ field, code: 'unknown_owner', message: translate(ctx.locale, 'sales.field.unknown_owner', { field }) }));
  if (issues.length) throw validationError(issues);
}

/** Validated custom values of each input (defaults and autonumbers as the kernel applies them). */
export async function checkLeadCustom(ctx: Context, rows: Array<{ custom?: Record<string, unknown> }>, mode: 'create' | 'update'): Promise<Array<Record<string, unknown>>> {
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, 'lead');
  return validateCustomValuesBatch(ctx.db, { workspaceId: ctx.workspaceId, defs, locale: ctx.locale }, rows.map((r) => ({ input: r.custom, mode, path: 'custom' })));
}
