import { and, eq, isNull } from 'drizzle-orm';
import { AppError, newId, safeEqual, sha256, translate, validationError, type Database, type Env, type FieldIssue, type Locale } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { liveVersionFor } from './load-live-version';
import { startRuns } from './start-runs';
import './engine-messages';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An inbound webhook call: the secret in the URL must match (constant-time, 401 otherwise),
 * the JSON body must carry the trigger's fields with their types (400 naming each field), and
 * then one run starts, once per `webhook-id` when the caller sends one.
 */
export async function receiveWebhook(database: Database, env: Env, input: { workflowId: string; secret: string; body: unknown; deliveryId?: string; locale: Locale }, now = new Date()): Promise<{ runId: string | null }> {
  const { db } = database;
  const [row] = await db.select().from(workflows).where(and(eq(workflows.id, input.workflowId), isNull(workflows.deletedAt))).limit(1);
  // The same answer for an unknown workflow and a wrong secret, so ids cannot be probed.
  if (!row?.webhookSecretHash || !safeEqual(sha256(input.secret), row.webhookSecretHash)) throw new AppError('workflow.bad_webhook_secret');
  const live = await liveVersionFor(db, row, 'webhook');
  const body = input.body && typeof input.body === 'object' && !Array.isArray(input.body) ? (input.body as Record<string, unknown>) : null;
  const issues: FieldIssue[] = [];
  if (!body) issues.push({ field: 'body', code: 'invalid_type', message: translate(input.locale, 'field.invalid_type', { field: 'body', expected: 'object' }) });
  for (const field of live.trigger.payload ?? []) {
    const value = body?.[field.key];
    if (value === undefined || value === null || value === '') {
      if (field.required !== false) issues.push({ field: field.key, code: 'required', message: translate(input.locale, 'workflow.webhook.field_required', { field: field.key }) });
      continue;
    }
    const ok = field.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : field.type === 'boolean' ? typeof value === 'boolean' : typeof value === 'string' && (field.type !== 'email' || EMAIL.test(value));
    if (!ok) issues.push({ field: field.key, code: 'invalid_type', message: translate(input.locale, 'workflow.webhook.field_type', { field: field.key, type: field.type }) });
  }
  if (issues.length) throw validationError(issues);
  const delivery = input.deliveryId?.slice(0, 200) || newId();
  const result = await db.transaction((tx) =>
    startRuns(tx, env, row.workspaceId, [{ workflowId: row.id, version: live.version, graph: live.graph, object: null, recordId: null, depth: 0, trigger: { webhookId: delivery, ...body }, dedupeKey: `webhook:${delivery}` }], now),
  );
  return { runId: result.started[0] ?? null };
}
