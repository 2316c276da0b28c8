import type { JobQueue } from '../jobs/job-queue';
import type { ModuleSubscriber } from '../module-registry/registry';
import { MAIL_DELIVER_JOB } from './deliver-mail.job';
import { MAIL_QUEUED_EVENT } from './queue-mail';

/**
 * Turns each queued message into a `mail.deliver` job, in the delivery's transaction. The job
 * id is the message id, so a redelivered event does not send the message twice.
 */
export function mailQueuedSubscriber(jobs: JobQueue): ModuleSubscriber {
  return {
    name: 'platform.mail_delivery',
    events: [MAIL_QUEUED_EVENT],
    async handle(ctx, event) {
      const messageId = (event.payload as { messageId?: string }).messageId;
      if (!messageId) return;
      await jobs.send(MAIL_DELIVER_JOB, { workspaceId: event.workspaceId, messageId }, { tx: ctx.db, id: messageId });
    },
  };
}
