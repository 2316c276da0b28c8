import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TSaveTargetsRequest, TSaveTargetsResponse, TTargetCellInput } from '@voyage/contracts';
import { AppError, assertCan, newId, runInTransaction, translate, writeAudit, type Context, type FieldIssue } from '@voyage/kernel';
import { salesTargets, type SalesTargetRow } from '../db/targets';
import { storedScopeId, workspaceSettings } from './load-targets';
import { TARGET_ERRORS } from './target-messages';
import { periodStartingOn } from './target-periods';
import { loadTargetReach, type TargetReach } from './target-reach';

const cellKey = (c: { periodKind: string; periodStart: string; scope: string; scopeId: string }) => `${c.periodKind}|${c.periodStart}|${c.scope}|${c.scopeId}`;

/** "华东区 · 2026-03" — how errors name a cell. */
function cellName(reach: TargetReach, cell: TTargetCellInput): string {
  const period = periodStartingOn(cell.periodKind, cell.periodStart)?.key ?? cell.periodStart;
  return `${reach.nameOf(cell.scope, cell.scopeId ?? null)} · ${period}`;
}

function checkCells(ctx: Context, reach: TargetReach, cells: TTargetCellInput[]): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  let first: { cell: string; problem: string } | undefined;
  const problem = (i: number, field: string, code: string, params: Record<string, string> = {}) => {
    const named = { cell: cellName(reach, cells[i]), problem: translate(ctx.locale, `sales.targets.problem.${code}`, params) };
    first ??= named;
    issues.push({ field: `cells[${i}].${field}`, code, message: translate(ctx.locale, 'sales.targets.invalid_cells', named) });
  };
  cells.forEach((cell, i) => {
    if (!periodStartingOn(cell.periodKind, cell.periodStart)) return problem(i, 'periodStart', 'period_start', { kind: translate(ctx.locale, `sales.targets.kind.${cell.periodKind}`) });
    if ((cell.scope === 'company') !== !cell.scopeId) return problem(i, 'scopeId', 'scope_id');
    if (cell.scope === 'department' && !reach.departmentIds.has(cell.scopeId!)) return problem(i, 'scopeId', 'unknown_department');
    if (cell.scope === 'user' && !reach.memberIds.has(cell.scopeId!)) return problem(i, 'scopeId', 'unknown_user');
    const key = cellKey({ ...cell, scopeId: cell.scopeId ?? '' });
    if (seen.has(key)) return problem(i, 'periodStart', 'duplicate');
    seen.add(key);
  });
  if (first) {
    const message = issues.length === 1 ? issues[0].message : translate(ctx.locale, 'sales.targets.invalid_cells_more', { ...first, count: issues.length - 1 });
    throw new AppError(TARGET_ERRORS.invalidCells, { message, details: { fields: issues } });
  }
  const refused = cells.findIndex((c) => !reach.find(c.scope, c.scopeId ?? null)?.editable);
  if (refused >= 0) {
    const cell = cellName(reach, cells[refused]);
    throw new AppError(TARGET_ERRORS.outOfReach, { message: translate(ctx.locale, 'sales.targets.out_of_reach', { cell }), details: { field: `cells[${refused}]`, cell } });
  }
}

/**
 * Saves a batch of grid cells, all or nothing: a cell with an amount is created or updated,
 * one with null is cleared. Each cell sent with the version read (none for an empty cell);
 * a cell someone else changed meanwhile fails the whole batch with 409 naming it.
 */
export async function saveTargets(ctx: Context, input: TSaveTargetsRequest): Promise<TSaveTargetsResponse> {
  assertCan(ctx.actor, 'target', 'update');
  const reach = await loadTargetReach(ctx);
  checkCells(ctx, reach, input.cells);
  const currency = input.currency ?? (await workspaceSettings(ctx)).currency;
  const cells = input.cells.map((c) => ({ ...c, scopeId: storedScopeId(ctx.workspaceId, c.scope, c.scopeId) }));
  return runInTransaction(ctx, async (tx) => {
    const tuples = sql.join(cells.map((c) => sql`(${c.periodKind}, ${c.periodStart}::date, ${c.scope}, ${c.scopeId}::uuid)`), sql`, `);
    const existing = await tx.db.select().from(salesTargets).where(and(
      eq(salesTargets.workspaceId, tx.workspaceId), eq(salesTargets.metric, input.metric), eq(salesTargets.currency, currency),
      sql`(${salesTargets.periodKind}, ${salesTargets.periodStart}, ${salesTargets.scope}, ${salesTargets.scopeId}) in (${tuples})`,
    )).for('update');
    const byKey = new Map(existing.map((r) => [cellKey(r), r]));
    const inserts: Array<typeof salesTargets.$inferInsert> = [];
    const updates: Array<{ row: SalesTargetRow; amount: number }> = [];
    const clears: SalesTargetRow[] = [];
    let unchanged = 0;
    cells.forEach((cell, i) => {
      const row = byKey.get(cellKey(cell));
      if (row ? cell.version !== row.version : cell.version !== undefined) {
        const name = cellName(reach, input.cells[i]);
        throw new AppError(TARGET_ERRORS.cellChanged, { message: translate(tx.locale, 'sales.targets.cell_changed', { cell: name }), details: { field: `cells[${i}].version`, cell: name, currentVersion: row?.version ?? null } });
      }
      if (!row && cell.amountMinor === null) unchanged += 1;
      else if (!row) inserts.push({ workspaceId: tx.workspaceId, id: newId(), metric: input.metric, periodKind: cell.periodKind, periodStart: cell.periodStart, scope: cell.scope, scopeId: cell.scopeId, currency, amountMinor: cell.amountMinor!, createdBy: tx.actor.userId, updatedBy: tx.actor.userId });
      else if (cell.amountMinor === null) clears.push(row);
      else if (Number(row.amountMinor) === cell.amountMinor) unchanged += 1;
      else updates.push({ row, amount: cell.amountMinor });
    });
    if (inserts.length) await tx.db.insert(salesTargets).values(inserts);
    if (updates.length) {
      const values = sql.join(updates.map((u) => sql`(${u.row.id}::uuid, ${u.amount}::bigint)`), sql`, `);
      await tx.db.execute(sql`update sales_targets t set amount_minor = v.amount, version = t.version + 1, updated_at = now(), updated_by = ${tx.actor.userId}::uuid
        from (values ${values}) as v(id, amount) where t.workspace_id = ${tx.workspaceId}::uuid and t.id = v.id`);
    }
    if (clears.length) await tx.db.delete(salesTargets).where(and(eq(salesTargets.workspaceId, tx.workspaceId), inArray(salesTargets.id, clears.map((r) => r.id))));
    const audit = (action: string, id: string, cell: { scope: string; scopeId: string; periodKind: string; periodStart: string }, oldAmount: number | null, newAmount: number | null) => ({
      workspaceId: tx.workspaceId, action, object: 'target', recordId: id,
      summary: `${reach.nameOf(cell.scope as 'company', cell.scopeId)} · ${periodStartingOn(cell.periodKind as 'month', cell.periodStart)?.key} · ${input.metric} · ${currency}`,
      oldValues: oldAmount === null ? null : { amountMinor: oldAmount }, newValues: newAmount === null ? null : { amountMinor: newAmount },
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip,
    });
    await writeAudit(tx.db, [
      ...inserts.map((r) => audit('create', r.id, r, null, r.amountMinor)),
      ...updates.map((u) => audit('update', u.row.id, u.row, Number(u.row.amountMinor), u.amount)),
      ...clears.map((r) => audit('delete', r.id, r, Number(r.amountMinor), null)),
    ]);
    return { saved: inserts.length + updates.length, cleared: clears.length, unchanged };
  });
}
