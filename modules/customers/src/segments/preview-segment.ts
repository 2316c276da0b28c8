import { and } from 'drizzle-orm';
import { applyFieldSecurity, scopedWhere, type Context, type RuleGroup } from '@voyage/kernel';
import type { TSegmentPreviewResponse } from '@voyage/contracts';
import type { contacts } from '../db/schema';
import { publicColumns, toWire } from '../record-kinds';
import { countSegment } from './count-segment';
import { kindOf } from './segment-access';
import { compileSegmentRules } from './segment-condition';

const SAMPLE_SIZE = 20;

/** The live count and first rows of unsaved rules, inside the actor's data scope and field security. */
export async function previewSegment(ctx: Context, object: 'contact' | 'account', rules: RuleGroup): Promise<TSegmentPreviewResponse> {
  const kind = kindOf(object);
  const t = kind.table as typeof contacts;
  const condition = await compileSegmentRules(ctx, kind, rules);
  const scope = await scopedWhere(ctx, t, kind.object);
  const [count, rows] = await Promise.all([
    countSegment(ctx, kind, condition),
    ctx.db.select(publicColumns(t)).from(t).where(and(scope, condition)).orderBy(t.name, t.id).limit(SAMPLE_SIZE),
  ]);
  return { count, sample: applyFieldSecurity(ctx.actor, kind.object, (rows as Array<Record<string, unknown>>).map(toWire)) };
}
