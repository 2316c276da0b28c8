import { and, eq, getTableColumns, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { applyFieldSecurity, buildListQuery, loadCustomFieldDefs, schema, scopedWhere, translate, validationError, type Context, type FieldIssue } from '@voyage/kernel';
import type { TDataQualityRecord, TDataQualityRecordsQuery, TDataQualityRecordsResponse } from '@voyage/contracts';
import { kindOf, tableOf } from '../ownership/owned-kinds';
import { qualityChecks } from './quality-checks';
import { scopeCandidates } from './scope-candidates';

/**
 * The drill-down of a report cell: a keyset page (by name) of the records behind it, found
 * with the very condition the report counted, so the list always matches the number. Each
 * record carries the checked fields as the actor may see them.
 */
export async function listDataQualityRecords(ctx: Context, query: TDataQualityRecordsQuery): Promise<TDataQualityRecordsResponse> {
  const object = query.object ?? 'contact';
  const kind = kindOf(object);
  const t = tableOf(kind);
  const scope = and(await scopedWhere(ctx, t, object), await scopeCandidates(ctx, t, object));
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, object);
  const checks = qualityChecks(object, defs, ctx.actor, ctx.locale);

  const issues: FieldIssue[] = [];
  const conditions: SQL[] = [];
  const check = query.check === undefined ? undefined : checks.find((c) => c.key === query.check);
  if (query.check !== undefined && !check) issues.push({ field: 'check', code: 'unknown', message: translate(ctx.locale, 'field.unknown', { field: 'check' }) });
  if (check) {
    const problem = query.problem ?? 'missing';
    const condition = problem === 'invalid' ? check.invalid : check.missing;
    if (condition) conditions.push(condition);
    else issues.push({ field: 'problem', code: 'invalid', message: translate(ctx.locale, 'field.invalid', { field: 'problem' }) });
  }
  if (issues.length) throw validationError(issues);
  if (query.owner === 'none') conditions.push(isNull(t.ownerId));
  else if (query.owner) conditions.push(eq(t.ownerId, query.owner));

  const plan = buildListQuery(kind.list, { sort: 'name', limit: query.limit, cursor: query.cursor }, { defs, locale: ctx.locale, actor: ctx.actor, object });
  const owner = schema.users;
  const rows = await ctx.db
    .select({ id: t.id, name: t.name, ownerId: t.ownerId, ownerName: owner.name, ...fieldColumns(t, check?.fields ?? []), ...plan.cursorColumns })
    .from(t)
    .leftJoin(owner, eq(owner.id, t.ownerId))
    .where(and(scope, ...conditions, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit + 1);
  const page = plan.page(rows as Array<Record<string, unknown>>);
  const secured = applyFieldSecurity(ctx.actor, object, page.rows);
  return {
    data: secured.map((r): TDataQualityRecord => ({
      id: r.id as string,
      name: r.name as string,
      ownerId: (r.ownerId as string | null) ?? null,
      ownerName: (r.ownerName as string | null) ?? null,
      values: valuesOf(r, check?.fields ?? []),
    })),
    nextCursor: page.nextCursor,
  };
}

/** The columns behind a check's fields; a custom field comes with the `custom` object. */
function fieldColumns(t: ReturnType<typeof tableOf>, fields: string[]): Record<string, PgColumn> {
  const columns = getTableColumns(t) as Record<string, PgColumn>;
  return Object.fromEntries(fields.map((f) => (f.startsWith('custom.') ? ['custom', columns.custom] : [f, columns[f]])));
}

function valuesOf(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = field.startsWith('custom.') ? (record.custom as Record<string, unknown> | undefined)?.[field.slice(7)] : record[field];
    if (field.startsWith('custom.') ? record.custom !== undefined : field in record) values[field] = value ?? null;
  }
  return values;
}
