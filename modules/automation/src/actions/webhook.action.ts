import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError, localized, translate, type WorkflowActionContext, type WorkflowActionDefinition } from '@voyage/kernel';
import { ACTION_ERRORS } from './action-messages';
import { postToAddress, PrivateAddressError } from './public-address';

export const ZWebhookInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** Standard Webhooks secret: `whsec_<base64>`, or any text of 24+ characters used as it is. */
  secret: z.string().min(24).max(200),
});
export type TWebhookInput = z.infer<typeof ZWebhookInput>;

const TIMEOUT_MS = 10_000;

function signingKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function payload(actx: WorkflowActionContext) {
  return {
    type: 'workflow.step', workflowId: actx.workflowId, runId: actx.runId, stepId: actx.stepId, timestamp: actx.now.toISOString(),
    data: actx.record ? { object: actx.record.object, id: actx.record.id, values: actx.record.values } : null,
    trigger: actx.trigger,
  };
}

/**
 * `automation.webhook`: POSTs the record as JSON, signed the Standard Webhooks way with the
 * step's key as `webhook-id` (receivers drop repeats by it). A non-2xx answer or a timeout
 * fails the step, which the engine retries with backoff.
 */
export const webhookAction: WorkflowActionDefinition<TWebhookInput> = {
  key: 'automation.webhook',
  labels: localized('调用 Webhook', '呼叫 Webhook', 'Call a webhook'),
  descriptions: localized('以签名的 JSON POST 记录（Standard Webhooks）', '以簽章的 JSON POST 記錄（Standard Webhooks）', 'POST the record as signed JSON (Standard Webhooks)'),
  fields: [
    { key: 'url', kind: 'url', required: true, labels: localized('地址', '網址', 'URL') },
    { key: 'secret', kind: 'text', required: true, labels: localized('签名密钥', '簽章金鑰', 'Signing secret'), help: localized('whsec_ 开头的密钥，或至少 24 个字符', 'whsec_ 開頭的金鑰，或至少 24 個字元', 'A whsec_ secret, or at least 24 characters') },
  ],
  input: ZWebhookInput,
  async describe(actx, input) {
    return { summary: translate(actx.ctx.locale, 'automation.action.summary.webhook', { url: input.url }), output: { url: input.url, body: payload(actx) } };
  },
  async run(actx, input) {
    // Only public addresses (no calls into the server's own network), checked on the connection
    // itself (no DNS rebinding between a check and the call), and no redirects that could lead there.
    const body = JSON.stringify(payload(actx));
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await postToAddress(input.url, {
      headers: { 'content-type': 'application/json', 'webhook-id': actx.idempotencyKey, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(input.secret, actx.idempotencyKey, timestamp, body) },
      body,
      timeoutMs: TIMEOUT_MS,
      allowPrivate: actx.ctx.env.WEBHOOK_ALLOW_PRIVATE === 'true',
    }).catch((cause: unknown) => {
      if (cause instanceof PrivateAddressError) throw new AppError(ACTION_ERRORS.webhookBlocked, { params: { url: input.url, address: cause.address } });
      throw new AppError(ACTION_ERRORS.webhookFailed, { params: { url: input.url, status: cause instanceof Error ? cause.message : 'error' }, cause });
    });
    if (response.status < 200 || response.status >= 300) throw new AppError(ACTION_ERRORS.webhookFailed, { params: { url: input.url, status: response.status } });
    return { url: input.url, status: response.status };
  },
};
