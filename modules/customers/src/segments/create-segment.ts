import { assertCan, newId, writeAudit, type Context } from '@voyage/kernel';
import type { TCreateSegmentRequest, TSegment } from '@voyage/contracts';
import { segments } from '../db/segments';
import { kindOf } from './segment-access';
import { compileSegmentRules } from './segment-condition';
import { segmentView } from './segment-view';

/** Any member who can read the object may save a segment; the actor owns it. */
export async function createSegment(ctx: Context, input: TCreateSegmentRequest): Promise<TSegment> {
  const kind = kindOf(input.object);
  assertCan(ctx.actor, kind.object, 'read');
  const rules = input.kind === 'dynamic' ? input.rules ?? { op: 'and' as const, rules: [] } : null;
  if (rules) await compileSegmentRules(ctx, kind, rules);
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.insert(segments).values({
      workspaceId: ctx.workspaceId, id: newId(), name: input.name, description: input.description ?? null, object: input.object, kind: input.kind,
      rules, shared: input.shared ?? false, ownerId: ctx.actor.userId, createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    }).returning();
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'segment', recordId: row.id, summary: row.name, newValues: { name: row.name, object: row.object, kind: row.kind, rules, shared: row.shared }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    return segmentView(row, 0);
  });
}
