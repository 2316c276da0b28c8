import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { eventDeliveries, outbox, workspaces } from '../db/schema';
import type { Env } from '../env';
import { isLocale, type Locale } from '../i18n/locales';
import { defineJob, type JobDefinition } from '../jobs/define-job';
import { OUTBOX_DISPATCH_JOB, type JobLogger, type JobQueue } from '../jobs/job-queue';
import type { ModuleSubscriber } from '../module-registry/registry';
import type { DomainEvent } from './outbox';
import { insertRows } from '../records/insert-rows';

export const OUTBOX_REDELIVER_JOB = 'outbox.redeliver';
/** The longest one pass of the dispatch job goes on taking rounds. */
const DISPATCH_PASS_MS = 60_000;

export interface OutboxDispatcherOptions {
  env: Env;
  database: Database;
  jobs: JobQueue;
  /** Subscribers of this build: the platform's and the modules'. Read on every dispatch. */
  subscribers: () => ModuleSubscriber[];
  /**
   * Whether a subscriber reacts in a workspace: a switched-off module's subscribers do not (P1).
   * Their events are not kept for later; the module keeps its data and reacts again once on.
   */
  isActive?: (workspaceId: string, subscriber: ModuleSubscriber) => Promise<boolean>;
  logger?: JobLogger;
  /** Events read per round (default 500: a bulk change of 500 records is one round). */
  batchSize?: number;
  /** Seconds between sweeps for events whose nudge was lost (default 5). */
  sweepSeconds?: number;
}

interface Redelivery {
  workspaceId: string;
  eventId: string;
  subscriber: string;
}

type OutboxRow = typeof outbox.$inferSelect;

/** Whether a subscriber listens to an event: exact name, `*`, or a `prefix.*` pattern. */
export function subscriberMatches(subscriber: ModuleSubscriber, event: string): boolean {
  return subscriber.events.some((p) => p === event || p === '*' || (p.endsWith('.*') && event.startsWith(p.slice(0, -1))));
}

/**
 * Delivers outbox events to subscribers after commit, at least once. Each (event, subscriber)
 * runs in its own transaction together with its event_deliveries row, so a redelivered event
 * is never applied twice. A failing subscriber gets a durable retry job with backoff; the event
 * counts as dispatched once every subscriber has handled it.
 */
export class OutboxDispatcher {
  private readonly extra: ModuleSubscriber[] = [];

  constructor(private readonly options: OutboxDispatcherOptions) {}

  /** Adds a subscriber at run time (tests use it for a recording bus). */
  subscribe(subscriber: ModuleSubscriber): () => void {
    this.extra.push(subscriber);
    return () => {
      const i = this.extra.indexOf(subscriber);
      if (i >= 0) this.extra.splice(i, 1);
    };
  }

  subscribers(): ModuleSubscriber[] {
    return [...this.options.subscribers(), ...this.extra];
  }

  /**
   * Delivers every pending event, oldest first, round after round; with `until` (epoch ms) no
   * new round starts after that time. Returns how many events were read and how many deliveries failed.
   */
  async dispatch(options: { until?: number } = {}): Promise<{ events: number; failures: number }> {
    const { db } = this.options.database;
    const locales = new Map<string, Locale>();
    let events = 0;
    let failures = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(isNull(outbox.dispatchedAt), eq(outbox.attempts, 0)))
        .orderBy(asc(outbox.occurredAt), asc(outbox.id))
        .limit(this.options.batchSize ?? 500);
      if (rows.length === 0) break;
      events += rows.length;
      const done: OutboxRow[] = [];
      const batched = await this.deliverBatches(rows, locales);
      for (const row of rows) {
        const failed = await this.deliverAll(row, locales, batched);
        if (failed.length === 0) done.push(row);
        else {
          failures += failed.length;
          await this.scheduleRedelivery(row, failed);
        }
      }
      await this.markDispatched(done);
      this.wakeAfterRound(rows);
      if (options.until !== undefined && Date.now() >= options.until) break;
    }
    return { events, failures };
  }

  /** Retries one subscriber of one event (the `outbox.redeliver` job). Throws to retry again. */
  async redeliver(job: Redelivery): Promise<void> {
    const { db } = this.options.database;
    const [row] = await db.select().from(outbox).where(and(eq(outbox.workspaceId, job.workspaceId), eq(outbox.id, job.eventId)));
    if (!row || row.dispatchedAt) return;
    const subscriber = this.subscribers().find((s) => s.name === job.subscriber);
    if (subscriber) await this.deliver(toEvent(row), subscriber, await this.localeOf(row.workspaceId, new Map()));
    const needed = (await this.applicable(row)).map((s) => s.name);
    const delivered = new Set(
      (await db.select({ subscriber: eventDeliveries.subscriber }).from(eventDeliveries).where(and(eq(eventDeliveries.workspaceId, row.workspaceId), eq(eventDeliveries.eventId, row.id)))).map((d) => d.subscriber),
    );
    if (needed.every((name) => delivered.has(name))) await this.markDispatched([row]);
  }

  /** The dispatch and redelivery queues, for the job queue. */
  jobDefinitions(): Array<JobDefinition<object>> {
    const { database } = this.options;
    const dispatch = defineJob<Record<string, never>>({
      name: OUTBOX_DISPATCH_JOB,
      // One dispatch runs at a time across all processes; nudges while it runs coalesce into one more.
      policy: 'stately',
      retryLimit: 3,
      retryDelay: 2,
      pollingIntervalSeconds: 1,
      // A pass ends after a minute of rounds under endless load (well within the job's expiry);
      // the nudges of new events, or the sweep, start the next one at once.
      handler: async () => {
        await this.dispatch({ until: Date.now() + DISPATCH_PASS_MS });
      },
      sweep: {
        everySeconds: this.options.sweepSeconds ?? 5,
        due: async () => (await database.query('select 1 from outbox where dispatched_at is null and attempts = 0 limit 1')).length > 0,
      },
    });
    const redeliver = defineJob<Redelivery>({
      name: OUTBOX_REDELIVER_JOB,
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 3600,
      handler: (data) => this.redeliver(data),
    });
    return [dispatch as JobDefinition<object>, redeliver as unknown as JobDefinition<object>];
  }

  /** Wakes the queues that subscribers of this round's events asked for (`wakes`); a failed wake only costs latency. */
  private wakeAfterRound(rows: OutboxRow[]): void {
    const names = new Set<string>();
    for (const subscriber of this.subscribers()) {
      if (subscriber.wakes?.length && rows.some((row) => subscriberMatches(subscriber, row.event))) for (const name of subscriber.wakes) names.add(name);
    }
    for (const name of names) {
      this.options.jobs.nudge(name).catch((error: unknown) => this.options.logger?.error({ err: error, job: name }, 'wake after dispatch failed'));
    }
  }

  /** The subscribers that handle this event in its workspace. */
  private async applicable(row: OutboxRow): Promise<ModuleSubscriber[]> {
    const matching = this.subscribers().filter((s) => subscriberMatches(s, row.event));
    const isActive = this.options.isActive;
    if (!isActive) return matching;
    const active = await Promise.all(matching.map((s) => isActive(row.workspaceId, s)));
    return matching.filter((_, i) => active[i]);
  }

  /**
   * Subscribers with `handleBatch` get a round's events per workspace at once, in one
   * transaction with their delivery rows; the subscribers work side by side (each has its own
   * transaction and delivery rows, and none reads what another writes), so a round takes as long
   * as its slowest subscriber. Returns `<event id>\u0000<subscriber>` of the deliveries done; the
   * rest (a failed batch) go one by one through `deliverAll`.
   */
  private async deliverBatches(rows: OutboxRow[], locales: Map<string, Locale>): Promise<Set<string>> {
    const done = new Set<string>();
    const workspaces = [...new Set(rows.map((row) => row.workspaceId))];
    for (const workspaceId of workspaces) await this.localeOf(workspaceId, locales);
    await Promise.all(this.subscribers().filter((s) => s.handleBatch).map(async (subscriber) => {
      const byWorkspace = new Map<string, OutboxRow[]>();
      for (const row of rows) {
        if (!subscriberMatches(subscriber, row.event)) continue;
        if (this.options.isActive && !(await this.options.isActive(row.workspaceId, subscriber))) continue;
        const list = byWorkspace.get(row.workspaceId);
        if (list) list.push(row);
        else byWorkspace.set(row.workspaceId, [row]);
      }
      for (const [workspaceId, group] of byWorkspace) {
        try {
          await this.deliverBatch(workspaceId, group, subscriber, locales.get(workspaceId)!);
          for (const row of group) done.add(`${row.id}\u0000${subscriber.name}`);
        } catch (error) {
          this.options.logger?.error({ err: error, subscriber: subscriber.name, events: group.length }, 'batch delivery failed; delivering one by one');
        }
      }
    }));
    return done;
  }

  private async deliverBatch(workspaceId: string, group: OutboxRow[], subscriber: ModuleSubscriber, locale: Locale): Promise<void> {
    const { env, database } = this.options;
    await database.db.transaction(async (tx) => {
      const claimed = await insertRows(tx, eventDeliveries, group.map((row) => ({ workspaceId, eventId: row.id, subscriber: subscriber.name })), { onConflictDoNothing: true, returning: ['eventId'] });
      const fresh = new Set(claimed.map((c) => c.eventId));
      const events = group.filter((row) => fresh.has(row.id)).map(toEvent);
      if (events.length) await subscriber.handleBatch!({ env, database, db: tx, workspaceId, locale }, events);
    });
  }

  private async deliverAll(row: OutboxRow, locales: Map<string, Locale>, batched: Set<string> = new Set()): Promise<string[]> {
    const subscribers = (await this.applicable(row)).filter((s) => !batched.has(`${row.id}\u0000${s.name}`));
    if (subscribers.length === 0) return [];
    const event = toEvent(row);
    const locale = await this.localeOf(row.workspaceId, locales);
    const failed: string[] = [];
    for (const subscriber of subscribers) {
      try {
        await this.deliver(event, subscriber, locale);
      } catch (error) {
        this.options.logger?.error({ err: error, event: row.event, eventId: row.id, subscriber: subscriber.name }, 'subscriber failed; retrying later');
        failed.push(subscriber.name);
      }
    }
    return failed;
  }

  private async deliver(event: DomainEvent, subscriber: ModuleSubscriber, locale: Locale): Promise<void> {
    const { env, database } = this.options;
    await database.db.transaction(async (tx) => {
      const claimed = await tx
        .insert(eventDeliveries)
        .values({ workspaceId: event.workspaceId, eventId: event.id, subscriber: subscriber.name })
        .onConflictDoNothing()
        .returning({ eventId: eventDeliveries.eventId });
      if (claimed.length === 0) return; // handled before: at-least-once delivery, applied once
      await subscriber.handle({ env, database, db: tx, workspaceId: event.workspaceId, locale }, event);
    });
  }

  private async scheduleRedelivery(row: OutboxRow, failed: string[]): Promise<void> {
    await this.options.database.db.transaction(async (tx) => {
      await tx.update(outbox).set({ attempts: sql`${outbox.attempts} + 1` }).where(and(eq(outbox.workspaceId, row.workspaceId), eq(outbox.id, row.id)));
      for (const subscriber of failed) {
        await this.options.jobs.send(OUTBOX_REDELIVER_JOB, { workspaceId: row.workspaceId, eventId: row.id, subscriber }, { tx, startAfter: 5 });
      }
    });
  }

  private async markDispatched(rows: OutboxRow[]): Promise<void> {
    const byWorkspace = new Map<string, string[]>();
    for (const row of rows) {
      const ids = byWorkspace.get(row.workspaceId);
      if (ids) ids.push(row.id);
      else byWorkspace.set(row.workspaceId, [row.id]);
    }
    for (const [workspaceId, ids] of byWorkspace) {
      await this.options.database.db
        .update(outbox)
        .set({ dispatchedAt: new Date() })
        .where(and(eq(outbox.workspaceId, workspaceId), inArray(outbox.id, ids), isNull(outbox.dispatchedAt)));
    }
  }

  private async localeOf(workspaceId: string, cache: Map<string, Locale>): Promise<Locale> {
    const cached = cache.get(workspaceId);
    if (cached) return cached;
    const [ws] = await this.options.database.db.select({ locale: workspaces.defaultLocale }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const locale = isLocale(ws?.locale) ? ws.locale : 'en';
    cache.set(workspaceId, locale);
    return locale;
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    event: row.event,
    eventVersion: row.eventVersion,
    payload: row.payload as Record<string, unknown>,
    actorUserId: row.actorUserId,
    occurredAt: row.occurredAt,
    cause: row.cause ?? null,
  };
}
