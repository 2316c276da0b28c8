import { assertCan, assignAutonumbers, emitEvents, loadCustomFieldDefs, newId, writeAudit, type Context } from '@voyage/kernel';
import { toWire, type RecordKind } from '../record-kinds';
import type { contacts } from '../db/schema';
import { checkRecordInput } from './check-record-input';
import { syncContactLinks } from '../relationships/sync-primary-account';
import { trackCreatedRecords } from '../ownership/track-created-records';
import { runInTransaction } from '@voyage/kernel';

export interface CreateRecordsOptions {
  /** Error path of row i: '' for a single create, `create.3.` in a batch. */
  pathOf?: (index: number) => string;
}

/**
 * Creates accounts or contacts. The owner defaults to the actor; autonumber fields are
 * assigned here. One insert for all rows, with their audit rows and events.
 */
export async function createRecords(ctx: Context, kind: RecordKind, inputs: Array<Record<string, unknown>>, options: CreateRecordsOptions = {}): Promise<Array<Record<string, unknown>>> {
  assertCan(ctx.actor, kind.object, 'create');
  if (inputs.length === 0) return [];
  const pathOf = options.pathOf ?? (() => '');
  return runInTransaction(ctx, async (tx) => {
    const { custom, derived } = await checkRecordInput(tx, kind, inputs.map((input, i) => ({ input, mode: 'create', path: pathOf(i) })));
    const defs = await loadCustomFieldDefs(tx.db, tx.workspaceId, kind.object);
    const numbers = await assignAutonumbers(tx.db, tx.workspaceId, kind.object, defs, inputs.length);
    const now = new Date();
    const values = inputs.map((input, i) => {
      const builtIn = Object.fromEntries(kind.writable.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
      return {
        ...builtIn,
        ...derived[i],
        workspaceId: tx.workspaceId,
        id: newId(),
        ownerId: (input.ownerId as string | null | undefined) === undefined ? tx.actor.userId : (input.ownerId as string | null),
        custom: { ...custom[i], ...numbers[i] },
        createdAt: now,
        updatedAt: now,
        createdBy: tx.actor.userId,
        updatedBy: tx.actor.userId,
      };
    });
    // Both tables share the columns written here; the insert is typed against one of them.
    const rows = (await tx.db.insert(kind.table as typeof contacts).values(values as Array<typeof contacts.$inferInsert>).returning()) as Array<Record<string, unknown>>;
    const wire = (await trackCreatedRecords(tx, kind, rows, inputs)).map(toWire);
    if (kind.object === 'contact') await syncContactLinks(tx, wire);
    await writeAudit(tx.db, wire.map((r) => ({
      workspaceId: tx.workspaceId, action: 'create', object: kind.object, recordId: r.id as string, summary: r.name as string,
      newValues: Object.fromEntries(Object.entries(r).filter(([k]) => !['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version', 'deletedAt'].includes(k))),
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    })));
    await emitEvents(tx.db, wire.map((r) => ({ workspaceId: tx.workspaceId, event: kind.events.created, payload: { id: r.id, object: kind.object, ownerId: r.ownerId ?? null }, actorUserId: tx.actor.userId })));
    return wire;
  });
}
