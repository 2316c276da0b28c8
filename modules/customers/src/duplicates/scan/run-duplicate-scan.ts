import { and, eq, lt, sql } from 'drizzle-orm';
import { newId, type Database, type Tx } from '@voyage/kernel';
import { duplicatePairs, duplicateScans } from '../../db/duplicates';
import { loadCustomerSettings } from '../../normalize/customer-settings';
import { accountFinderSteps, contactFinderSteps, PairSet, type FoundPair } from './find-duplicate-pairs';

const UPSERT_BATCH = 500;

/**
 * Runs one scan: the finder's rules in turn (progress after each), then the review queue is
 * brought up to date in one transaction. Pairs found again keep their id and status; a
 * dismissed or merged pair is never reopened; open pairs no longer found are dropped.
 */
export async function runDuplicateScan(database: Database, workspaceId: string, scanId: string): Promise<void> {
  const { db } = database;
  const where = and(eq(duplicateScans.workspaceId, workspaceId), eq(duplicateScans.id, scanId));
  const [scan] = await db.select().from(duplicateScans).where(where);
  if (!scan || scan.status === 'done') return;
  const startedAt = new Date();
  await db.update(duplicateScans).set({ status: 'running', progress: 0, startedAt, error: null }).where(where);
  try {
    const pairs = new PairSet();
    // The rules only read, each in one statement; between them the progress is written, so
    // a poller sees it move (no enclosing transaction: PGlite has a single connection).
    const settings = await loadCustomerSettings(db, workspaceId);
    const steps = scan.object === 'contact'
      ? contactFinderSteps(database, workspaceId, settings.duplicateNameSimilarity)
      : accountFinderSteps(database, workspaceId, settings.duplicateNameSimilarity);
    let progress = 0;
    for (const step of steps) {
      await step.run(pairs);
      progress += step.weight * 0.9;
      await db.update(duplicateScans).set({ progress: Math.round(progress) }).where(where);
    }
    const found = [...pairs.pairs.values()];
    const added = await db.transaction(async (tx: Tx) => {
      let inserted = 0;
      for (let i = 0; i < found.length; i += UPSERT_BATCH) inserted += await upsertPairs(tx, workspaceId, scan.object, found.slice(i, i + UPSERT_BATCH), startedAt);
      await tx.delete(duplicatePairs).where(and(eq(duplicatePairs.workspaceId, workspaceId), eq(duplicatePairs.object, scan.object), eq(duplicatePairs.status, 'open'), lt(duplicatePairs.foundAt, startedAt)));
      return inserted;
    });
    await db.update(duplicateScans).set({ status: 'done', progress: 100, found: found.length, added, finishedAt: new Date() }).where(where);
  } catch (error) {
    await db.update(duplicateScans).set({ status: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: new Date() }).where(where);
    throw error;
  }
}

/** Inserts new pairs and refreshes open ones; returns how many were new. */
async function upsertPairs(tx: Tx, workspaceId: string, object: string, pairs: FoundPair[], foundAt: Date): Promise<number> {
  const t = duplicatePairs;
  const result = await tx.insert(t)
    .values(pairs.map((p) => ({ workspaceId, id: newId(), object, recordAId: p.a, recordBId: p.b, score: Math.round(p.score * 1000) / 1000, reasons: [...p.reasons].sort(), status: 'open', foundAt })))
    .onConflictDoUpdate({
      target: [t.workspaceId, t.object, t.recordAId, t.recordBId],
      set: { score: sql`excluded.score`, reasons: sql`excluded.reasons`, foundAt: sql`excluded.found_at` },
      setWhere: sql`${t.status} = 'open'`,
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return result.filter((r) => r.inserted === true || (r.inserted as unknown) === 't').length;
}
