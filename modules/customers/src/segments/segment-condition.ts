import { sql, type SQL } from 'drizzle-orm';
import { compileRuleGroup, loadCustomFieldDefs, type Context, type RuleGroup } from '@voyage/kernel';
import { segmentMembers } from '../db/segments';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';

/**
 * Compiles rules for `kind` with the actor's field security; a bad rule is a 400 naming its
 * path under `path` (`rules.1.rules.0.field`).
 */
export async function compileSegmentRules(ctx: Context, kind: RecordKind, rules: RuleGroup, path = 'rules'): Promise<SQL> {
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  return compileRuleGroup(kind.list, rules, { defs, locale: ctx.locale, actor: ctx.actor, object: kind.object, path });
}

/** Which records belong to a segment: its rules, or its stored member list. The caller adds the data scope. */
export async function segmentCondition(ctx: Context, kind: RecordKind, segment: { id: string; kind: string; rules: unknown }): Promise<SQL> {
  const t = kind.table as typeof contacts;
  if (segment.kind === 'static') {
    return sql`exists (select 1 from ${segmentMembers} where ${segmentMembers.workspaceId} = ${t.workspaceId} and ${segmentMembers.segmentId} = ${segment.id} and ${segmentMembers.recordId} = ${t.id})`;
  }
  return compileSegmentRules(ctx, kind, (segment.rules ?? { op: 'and', rules: [] }) as RuleGroup);
}
