import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import { leadAssignmentRules } from '../db/leads';

type Matchable = { region?: string | null; industry?: string | null; size?: string | null; source?: string | null };

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Owners for new leads that came without one, from the first active rule that matches each,
 * in rule order; round robin among the rule's members. The turn is taken with
 * UPDATE … RETURNING on the rule row, which locks it until commit, so concurrent creates
 * never take the same turn. Index i of the result is the owner of lead i (null: the pool).
 */
export async function assignLeadOwners(tx: Context, rows: Matchable[]): Promise<Array<string | null>> {
  const owners: Array<string | null> = rows.map(() => null);
  if (rows.length === 0) return owners;
  const rules = await tx.db.select().from(leadAssignmentRules)
    .where(and(eq(leadAssignmentRules.workspaceId, tx.workspaceId), eq(leadAssignmentRules.active, true), isNull(leadAssignmentRules.deletedAt)))
    .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.id));
  let remaining = rows.map((_, i) => i);
  for (const rule of rules) {
    if (remaining.length === 0) break;
    if (rule.userIds.length === 0) continue;
    const matched = rule.kind === 'field_match' && rule.field
      ? remaining.filter((i) => same(rows[i][rule.field as keyof Matchable], rule.value))
      : rule.kind === 'round_robin' ? remaining : [];
    if (matched.length === 0) continue;
    const [turn] = await tx.db.update(leadAssignmentRules)
      .set({ cursor: sql`${leadAssignmentRules.cursor} + ${matched.length}` })
      .where(and(eq(leadAssignmentRules.workspaceId, tx.workspaceId), eq(leadAssignmentRules.id, rule.id)))
      .returning({ cursor: leadAssignmentRules.cursor });
    const start = turn.cursor - matched.length;
    matched.forEach((i, j) => { owners[i] = rule.userIds[(start + j) % rule.userIds.length]; });
    const taken = new Set(matched);
    remaining = remaining.filter((i) => !taken.has(i));
  }
  return owners;
}
