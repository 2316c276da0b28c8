import type { Context } from '../context';
import type { Tx } from './client';

/** Runs `fn` in the caller's transaction when there is one (a batch), or in a new one. */
export async function runInTransaction<T>(ctx: Context, fn: (tx: Context) => Promise<T>): Promise<T> {
  if (ctx.db !== ctx.database.db) return fn(ctx);
  return ctx.database.db.transaction((tx: Tx) => fn({ ...ctx, db: tx }));
}
