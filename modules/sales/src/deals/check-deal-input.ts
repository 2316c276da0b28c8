import { and, eq, inArray } from 'drizzle-orm';
import { AppError, findVisibleRecordIds, loadCustomFieldDefs, schema, translate, validateCustomValuesBatch, validationError, type Context, type FieldIssue } from '@voyage/kernel';
import './deal-messages';

export interface DealInputRow {
  input: { ownerId?: string | null; accountId?: string | null; primaryContactId?: string | null; custom?: Record<string, unknown> };
  mode: 'create' | 'update';
}

/**
 * Checks the links of deal inputs: account and contact must be live records of this
 * workspace that the actor may see (404 otherwise, as for any record you cannot reach), the owner a member.
 * Returns the normalized custom values of each row.
 */
export async function checkDealInput(ctx: Context, rows: DealInputRow[]): Promise<Array<Record<string, unknown>>> {
  for (const [object, key] of [['account', 'accountId'], ['contact', 'primaryContactId']] as const) {
    const ids = rows.map((r) => r.input[key]).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) continue;
    const found = await findVisibleRecordIds(ctx, object, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new AppError('not_found', { params: { what: object }, details: { field: key, id: missing } });
  }
  const owners = [...new Set(rows.map((r) => r.input.ownerId).filter((id): id is string => typeof id === 'string'))];
  if (owners.length) {
    const members = await ctx.db.select({ userId: schema.memberships.userId }).from(schema.memberships)
      .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), inArray(schema.memberships.userId, owners)));
    const known = new Set(members.map((m) => m.userId));
    const issues: FieldIssue[] = owners.filter((id) => !known.has(id)).map(() => ({ field: 'ownerId', code: 'unknown_owner', message: translate(ctx.locale, 'sales.field.unknown_owner', { field: 'ownerId' }) }));
    if (issues.length) throw validationError(issues);
  }
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, 'deal');
  return validateCustomValuesBatch(ctx.db, { workspaceId: ctx.workspaceId, defs, locale: ctx.locale }, rows.map((r) => ({ input: r.input.custom, mode: r.mode, path: 'custom' })));
}
