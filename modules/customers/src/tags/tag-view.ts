import type { TTag } from '@voyage/contracts';
import type { tags } from '../db/segments';

/** A catalogue row as it leaves the server. */
export function tagView(row: typeof tags.$inferSelect): TTag {
  return { id: row.id, name: row.name, color: row.color, objectScope: row.objectScope as TTag['objectScope'], version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
