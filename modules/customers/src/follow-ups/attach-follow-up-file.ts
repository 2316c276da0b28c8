import type { Readable } from 'node:stream';
import type { TFollowUpFile } from '@voyage/contracts';
import { AppError, newId, writeAudit, type Context, type FileStorage } from '@voyage/kernel';
import { followUpFiles } from '../db/timeline';
import { storageKey } from './storage-key';
import { findFollowUp } from './find-follow-up';

export interface IncomingFile {
  fileName: string;
  contentType: string;
  stream: Readable;
  /** True once the stream was cut at the upload limit. */
  truncated(): boolean;
}

/**
 * Stores an uploaded file and attaches it to a follow-up the actor may change. The bytes are
 * written before the row, so a row never points at a missing file; a file cut at the upload
 * limit is removed and refused.
 */
export async function attachFollowUpFile(ctx: Context, storage: FileStorage, followUpId: string, file: IncomingFile): Promise<TFollowUpFile> {
  const { subject } = await findFollowUp(ctx, followUpId, 'update');
  const id = newId();
  const key = storageKey(ctx.workspaceId, id);
  const size = await storage.put(key, file.stream);
  if (file.truncated()) {
    await storage.delete(key);
    throw new AppError('payload_too_large', { params: { limit: ctx.env.UPLOAD_LIMIT } });
  }
  const fileName = file.fileName.slice(0, 255) || 'file';
  const [row] = await ctx.database.db.transaction(async (tx) => {
    const inserted = await tx.insert(followUpFiles).values({ workspaceId: ctx.workspaceId, id, followUpId, fileName, contentType: file.contentType.slice(0, 255), size, storageKey: key, createdBy: ctx.actor.userId }).returning();
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'follow_up', recordId: followUpId, summary: subject.name, newValues: { attachment: fileName },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
    return inserted;
  });
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, createdAt: row.createdAt.toISOString() };
}
