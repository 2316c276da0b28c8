import { and, eq, lt, or, isNull } from 'drizzle-orm';
import type { DomainEvent, ModuleSubscriber, SystemContext } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { TASK_EVENTS, type TaskEventPayload } from '../tasks/task-events';
import { dealActivity } from './deal-activity';

/**
 * A task or meeting created or completed on a deal counts as activity on it. The event's time
 * is used, and only moves the mark forward, so a redelivered or late event changes nothing.
 * Follow-ups logged on the deal's account do not count: they are about the customer, and the
 * account may have several deals.
 */
async function recordTaskActivity(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const p = event.payload as unknown as TaskEventPayload;
  if (p.relatedType !== 'deal' || !p.relatedId) return;
  const at = new Date(event.occurredAt);
  await ctx.db.update(deals).set(dealActivity(at))
    .where(and(eq(deals.workspaceId, event.workspaceId), eq(deals.id, p.relatedId), or(isNull(deals.lastActivityAt), lt(deals.lastActivityAt, at))));
}

export const dealActivitySubscriber: ModuleSubscriber = {
  name: 'sales.deals.task-activity',
  events: [TASK_EVENTS.created, TASK_EVENTS.completed],
  handle: recordTaskActivity,
};
