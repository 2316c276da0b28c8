import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, buildListQuery, loadCustomFieldDefs, type Context } from '@voyage/kernel';
import { assignmentRules } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { tableOf } from './owned-kinds';
import { recordOwnerTransfers } from './record-owner-transfers';

type Row = Record<string, unknown> & { id: string };
type Condition = { field: string; operator: string; value: string };

/** A rule's conditions as the list-query builder reads them: one filter per condition. */
export function conditionsAsQuery(conditions: Condition[]): Record<string, string> {
  return Object.fromEntries(conditions.map((c) => [`filter[${c.field}][${c.operator}]`, c.value]));
}

/**
 * Gives the new rows without an owner of their own to the first active rule that matches
 * them, in rule order, round robin among the rule's users. The turn is taken with
 * UPDATE … RETURNING on the rule row, so concurrent creates never share one.
 * Returns the rows with their new owners.
 */
export async function applyAssignmentRules(tx: Context, kind: RecordKind, rows: Row[], now: Date): Promise<Row[]> {
  if (rows.length === 0) return rows;
  const rules = await tx.db.select().from(assignmentRules)
    .where(and(eq(assignmentRules.workspaceId, tx.workspaceId), eq(assignmentRules.object, kind.object), eq(assignmentRules.active, true)))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.id));
  if (rules.length === 0) return rows;
  const t = tableOf(kind);
  const defs = rules.some((r) => r.conditions.length > 0) ? await loadCustomFieldDefs(tx.db, tx.workspaceId, kind.object) : [];
  let remaining = rows.map((r) => r.id);
  const ownerOf = new Map<string, string>();
  for (const rule of rules) {
    if (remaining.length === 0 || rule.userIds.length === 0) continue;
    let matched = remaining;
    if (rule.kind === 'field_match') {
      let where;
      try {
        where = buildListQuery(kind.list, conditionsAsQuery(rule.conditions), { defs, locale: tx.locale }).where;
      } catch (error) {
        // A rule naming a field that was deleted since must not block creating records.
        if (error instanceof AppError) continue;
        throw error;
      }
      const hits = await tx.db.select({ id: t.id }).from(t).where(and(eq(t.workspaceId, tx.workspaceId), inArray(t.id, remaining), where));
      const hitIds = new Set(hits.map((h) => h.id));
      matched = remaining.filter((id) => hitIds.has(id));
    }
    if (matched.length === 0) continue;
    const [turn] = await tx.db.update(assignmentRules)
      .set({ cursor: sql`${assignmentRules.cursor} + ${matched.length}` })
      .where(and(eq(assignmentRules.workspaceId, tx.workspaceId), eq(assignmentRules.id, rule.id)))
      .returning({ cursor: assignmentRules.cursor });
    const start = turn.cursor - matched.length;
    matched.forEach((id, j) => ownerOf.set(id, rule.userIds[(start + j) % rule.userIds.length]));
    remaining = remaining.filter((id) => !ownerOf.has(id));
  }
  if (ownerOf.size === 0) return rows;
  const byOwner = new Map<string, string[]>();
  for (const [id, owner] of ownerOf) byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
  const updated = new Map<string, Row>();
  for (const [owner, ids] of byOwner) {
    const changed = await tx.db.update(t).set({ ownerId: owner, poolStatus: null }).where(and(eq(t.workspaceId, tx.workspaceId), inArray(t.id, ids))).returning();
    for (const row of changed) updated.set(row.id, row as Row);
  }
  await recordOwnerTransfers({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, at: now }, kind.object, 'rule',
    [...ownerOf].map(([recordId, toOwnerId]) => ({ recordId, fromOwnerId: null, toOwnerId })));
  return rows.map((r) => updated.get(r.id) ?? r);
}
