import { and, eq, isNull } from 'drizzle-orm';
import { AppError, notFound, type Context } from '@voyage/kernel';
import { followUps } from '../db/timeline';
import { findSubject, type Subject } from './find-subject';

/** A live follow-up whose contact or account the actor may see (`read`) or change (`update`); otherwise 404. */
export async function findFollowUp(ctx: Context, id: string, access: 'read' | 'update' = 'read'): Promise<{ row: typeof followUps.$inferSelect; subject: Subject }> {
  const [row] = await ctx.db.select().from(followUps).where(and(eq(followUps.workspaceId, ctx.workspaceId), eq(followUps.id, id), isNull(followUps.deletedAt)));
  if (!row) throw notFound('follow_up');
  try {
    return { row, subject: await findSubject(ctx, row.subjectType, row.subjectId, access) };
  } catch (error) {
    // Whether the follow-up exists is itself hidden when its record is.
    if (error instanceof AppError && error.code === 'not_found') throw notFound('follow_up');
    throw error;
  }
}
