import { inArray } from 'drizzle-orm';
import { schema, type Queryable } from '@voyage/kernel';

/** What `{{owner.name}}` and `{{owner.email}}` show: the account of the record's owner. */
export interface RecordOwner { name: string; email: string }

/**
 * The owner of a record (its `ownerId`), for merge fields: the one loader behind email
 * templates and every other merged text of actions (notify, task title, field values).
 */
export async function loadRecordOwner(db: Queryable, values: Record<string, unknown> | null | undefined): Promise<RecordOwner | null> {
  const ownerId = typeof values?.ownerId === 'string' ? values.ownerId : null;
  if (!ownerId) return null;
  const [row] = await db.select({ name: schema.users.name, email: schema.users.email }).from(schema.users).where(inArray(schema.users.id, [ownerId]));
  return row ?? null;
}
