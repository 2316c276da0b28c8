import { and, eq, getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { recordTableOf, type Queryable } from '@voyage/kernel';

/**
 * The customer tier (客户等级 A/B/C) of an account, read through the kernel's record table of
 * `account` (sales does not import customers): its `customerLevel` column, when the table
 * registered for accounts has one. Null for no account, a deleted one, or no tier.
 */
export async function accountCustomerLevel(db: Queryable, workspaceId: string, accountId: string | null): Promise<string | null> {
  const t = recordTableOf('account');
  if (!accountId || !t) return null;
  const level = (getTableColumns(t.table) as Record<string, PgColumn | undefined>).customerLevel;
  if (!level) return null;
  const [row] = (await db.select({ level }).from(t.table).where(and(eq(t.workspaceId, workspaceId), eq(t.id, accountId)))) as Array<{ level: string | null }>;
  return row?.level ?? null;
}
