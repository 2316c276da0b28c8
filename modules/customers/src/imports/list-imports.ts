import { desc, eq } from 'drizzle-orm';
import type { TImport } from '@voyage/contracts';
import { can, type Context } from '@voyage/kernel';
import { imports } from '../db/imports';
import { toImportView } from './load-import';

const HISTORY_LIMIT = 100;

/** The workspace's latest imports into objects the actor may create. */
export async function listImports(ctx: Context): Promise<{ data: TImport[] }> {
  const rows = await ctx.db.select().from(imports).where(eq(imports.workspaceId, ctx.workspaceId)).orderBy(desc(imports.createdAt)).limit(HISTORY_LIMIT);
  return { data: rows.filter((r) => can(ctx.actor, r.object, 'create')).map(toImportView) };
}
