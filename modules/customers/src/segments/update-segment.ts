import { and, eq, sql } from 'drizzle-orm';
import { AppError, diffValues, writeAudit, type Context } from '@voyage/kernel';
import type { TSegment, TUpdateSegmentRequest } from '@voyage/contracts';
import { segments } from '../db/segments';
import { kindOf, loadSegment } from './segment-access';
import { compileSegmentRules } from './segment-condition';
import { segmentView } from './segment-view';

/** Renames, re-describes, re-shares or changes the rules of a segment (owner or admin; stale version → 409). */
export async function updateSegment(ctx: Context, id: string, input: TUpdateSegmentRequest): Promise<TSegment> {
  const current = await loadSegment(ctx, id, { write: true });
  if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
  if (input.rules && current.kind === 'dynamic') await compileSegmentRules(ctx, kindOf(current.object), input.rules);
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(segments).set({
      name: input.name ?? current.name,
      description: input.description === undefined ? current.description : input.description,
      rules: current.kind === 'dynamic' && input.rules ? input.rules : current.rules,
      shared: input.shared ?? current.shared,
      version: sql`${segments.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId,
    }).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id), eq(segments.version, input.version))).returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    const pick = (r: typeof row) => ({ name: r.name, description: r.description, rules: r.rules, shared: r.shared });
    const diff = diffValues(pick(current), pick(row), []);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'segment', recordId: id, summary: row.name, oldValues: diff.oldValues, newValues: diff.newValues, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    return segmentView(row);
  });
}
