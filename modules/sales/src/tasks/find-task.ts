import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, translate, type Context, type ObjectAction } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import type { TaskRow } from './task-wire';

/** A task the actor may see (`read`) or change (`update`/`delete`) under its data scope; otherwise 404. */
export async function findTask(ctx: Context, id: string, access: ObjectAction = 'read', options: { deleted?: boolean } = {}): Promise<TaskRow> {
  const scope = await scopedWhere(ctx, tasks, 'task', { access, onlyDeleted: options.deleted });
  const [row] = await ctx.db.select().from(tasks).where(and(scope, eq(tasks.id, id)));
  if (!row) throw notFound(translate(ctx.locale, 'sales.task.what'));
  return row;
}
