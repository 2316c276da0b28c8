import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { customFieldDefs } from '../db/schema';
import type { CustomFieldDef } from './types';

/** Definitions change rarely and are read on every write and list, so each process keeps them briefly. */
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; defs: Promise<CustomFieldDef[]> }>();

const cacheKey = (workspaceId: string, object: string) => `${workspaceId}:${object}`;

/** The live (not deleted) custom field definitions of an object, in display order. */
export function loadCustomFieldDefs(db: Queryable, workspaceId: string, object: string): Promise<CustomFieldDef[]> {
  const key = cacheKey(workspaceId, object);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.defs;
  const defs = db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.workspaceId, workspaceId), eq(customFieldDefs.object, object), isNull(customFieldDefs.deletedAt)))
    .orderBy(asc(customFieldDefs.position), asc(customFieldDefs.createdAt))
    .then((rows) => rows as CustomFieldDef[]);
  cache.set(key, { at: Date.now(), defs });
  defs.catch(() => cache.delete(key));
  return defs;
}

/** Drops the cached definitions of an object after a change in this process. */
export function invalidateCustomFieldDefs(workspaceId: string, object: string): void {
  cache.delete(cacheKey(workspaceId, object));
}
