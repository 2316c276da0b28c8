import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { schema, type Context } from '@voyage/kernel';
import type { TOwnershipHistoryResponse } from '@voyage/contracts';
import { ownershipTransfers } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { getRecord } from '../use-cases/get-record';

/** Owner changes of one record the actor may read, newest first. */
export async function listOwnershipHistory(ctx: Context, kind: RecordKind, id: string): Promise<TOwnershipHistoryResponse> {
  await getRecord(ctx, kind, id);
  const ot = ownershipTransfers;
  const from = alias(schema.users, 'from_owner');
  const to = alias(schema.users, 'to_owner');
  const actor = alias(schema.users, 'actor');
  const rows = await ctx.db.select({
    id: ot.id, fromOwnerId: ot.fromOwnerId, fromOwnerName: from.name, toOwnerId: ot.toOwnerId, toOwnerName: to.name,
    kind: ot.kind, reason: ot.reason, actorUserId: ot.actorUserId, actorName: actor.name, at: ot.at,
  }).from(ot)
    .leftJoin(from, eq(from.id, ot.fromOwnerId)).leftJoin(to, eq(to.id, ot.toOwnerId)).leftJoin(actor, eq(actor.id, ot.actorUserId))
    .where(and(eq(ot.workspaceId, ctx.workspaceId), eq(ot.object, kind.object), eq(ot.recordId, id)))
    .orderBy(desc(ot.at), desc(ot.id)).limit(200);
  return {
    data: rows.map((r) => ({ ...r, kind: r.kind as TOwnershipHistoryResponse['data'][number]['kind'], fromOwnerName: r.fromOwnerName ?? null, toOwnerName: r.toOwnerName ?? null, actorName: r.actorName ?? null, at: r.at.toISOString() })),
  };
}
