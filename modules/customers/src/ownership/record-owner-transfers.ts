import { newId, type Queryable } from '@voyage/kernel';
import type { OWNERSHIP_TRANSFER_KINDS } from '@voyage/contracts';
import { ownershipTransfers } from '../db/ownership';

export type TransferKind = (typeof OWNERSHIP_TRANSFER_KINDS)[number];

export interface OwnerTransfer {
  recordId: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
}

export interface TransferContext {
  db: Queryable;
  workspaceId: string;
  actorUserId: string | null;
  at: Date;
}

/** Appends ownership transfer rows in the caller's transaction; unchanged owners are skipped. */
export async function recordOwnerTransfers(ctx: TransferContext, object: string, kind: TransferKind, transfers: OwnerTransfer[], reason?: string | null): Promise<void> {
  const rows = transfers.filter((t) => t.fromOwnerId !== t.toOwnerId);
  if (rows.length === 0) return;
  await ctx.db.insert(ownershipTransfers).values(rows.map((t) => ({
    workspaceId: ctx.workspaceId, id: newId(), object, recordId: t.recordId, fromOwnerId: t.fromOwnerId, toOwnerId: t.toOwnerId,
    kind, reason: reason ?? null, actorUserId: ctx.actorUserId, at: ctx.at,
  })));
}
