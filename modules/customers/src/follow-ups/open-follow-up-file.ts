import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { notFound, type Context, type FileStorage } from '@voyage/kernel';
import { followUpFiles } from '../db/timeline';
import { findFollowUp } from './find-follow-up';

/** A follow-up's file for download, if the actor may see the follow-up's contact or account. */
export async function openFollowUpFile(ctx: Context, storage: FileStorage, followUpId: string, fileId: string): Promise<{ fileName: string; contentType: string; size: number; stream: Readable }> {
  await findFollowUp(ctx, followUpId);
  const [file] = await ctx.db.select().from(followUpFiles).where(and(eq(followUpFiles.workspaceId, ctx.workspaceId), eq(followUpFiles.followUpId, followUpId), eq(followUpFiles.id, fileId)));
  if (!file) throw notFound('file');
  return { fileName: file.fileName, contentType: file.contentType, size: file.size, stream: storage.get(file.storageKey) };
}
