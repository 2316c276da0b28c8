import type { SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client';

/**
 * Work another module does on a record, as SQL the record's own module can put in its
 * queries without knowing the other module's tables. The sales module registers `deal`:
 * for an account or contact, when its latest deal was opened or closed, and whether one is
 * still open. The customers module's public-pool rule reclaims customers without a deal
 * through it.
 */
export interface RelatedActivitySource {
  /** Whether the source has data in this workspace (its module is switched on). */
  available(db: Queryable, workspaceId: string): Promise<boolean>;
  /**
   * A timestamptz expression: the latest activity of the record whose workspace and id
   * columns are given (null when there is none); undefined when the object has none.
   */
  lastAt(object: string, workspaceId: PgColumn, recordId: PgColumn): SQL<string | null> | undefined;
  /** A boolean expression: the record has work in progress (an open deal). */
  inProgress(object: string, workspaceId: PgColumn, recordId: PgColumn): SQL<boolean> | undefined;
}

const sources = new Map<string, RelatedActivitySource>();

/** Registers the source of one kind of activity ('deal'); the owning module calls it once. */
export function registerRelatedActivity(kind: string, source: RelatedActivitySource): void {
  sources.set(kind, source);
}

/** The source of a kind of activity, or undefined when no module provides it. */
export function relatedActivity(kind: string): RelatedActivitySource | undefined {
  return sources.get(kind);
}
