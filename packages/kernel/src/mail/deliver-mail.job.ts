import { defineJob } from '../jobs/define-job';
import { deliverMail } from './deliver-mail';

export const MAIL_DELIVER_JOB = 'mail.deliver';

/** Sends one queued message; retried with backoff over about an hour before the message fails. */
export const mailDeliverJob = defineJob<{ workspaceId: string; messageId: string }>({
  name: MAIL_DELIVER_JOB,
  retryLimit: 6,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 1800,
  pollingIntervalSeconds: 1,
  localConcurrency: 2,
  handler: async (data, ctx) => {
    await deliverMail(ctx, data, ctx);
  },
});
