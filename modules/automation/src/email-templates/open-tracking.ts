import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AUTOMATION_EVENTS } from '@voyage/contracts';
import { emitEvents, isUuid, localized, publicBaseUrl, type Database, type Env, type WorkflowEventDefinition } from '@voyage/kernel';
import { emailSends } from '../db/email-templates';

/** A transparent 1×1 GIF. */
export const TRACKING_PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const sign = (env: Env, ids: Buffer) => createHmac('sha256', env.VOYAGE_SECRET).update('email-open:').update(ids).digest().subarray(0, 12);

/**
 * The pixel's token: the workspace and send ids, signed, so the public route finds the row by
 * its key without a lookup table and nobody can mark another mail opened by guessing ids.
 */
export function trackingToken(env: Env, workspaceId: string, sendId: string): string {
  const ids = Buffer.concat([hex(workspaceId), hex(sendId)]);
  return `${ids.toString('base64url')}.${sign(env, ids).toString('base64url')}`;
}

export function parseTrackingToken(env: Env, token: string): { workspaceId: string; sendId: string } | null {
  const [idsPart, sigPart] = token.split('.');
  if (!idsPart || !sigPart) return null;
  const ids = Buffer.from(idsPart, 'base64url');
  const sig = Buffer.from(sigPart, 'base64url');
  const expected = sign(env, ids);
  if (ids.length !== 32 || sig.length !== expected.length || !timingSafeEqual(sig, expected)) return null;
  const workspaceId = uuidOf(ids.subarray(0, 16));
  const sendId = uuidOf(ids.subarray(16));
  return isUuid(workspaceId) && isUuid(sendId) ? { workspaceId, sendId } : null;
}

export function trackingPixelHtml(env: Env, workspaceId: string, sendId: string): string {
  return `<img src="${publicBaseUrl(env)}/api/v1/t/o/${trackingToken(env, workspaceId, sendId)}.gif" width="1" height="1" alt="" style="display:none">`;
}

/**
 * Records an open of a tracked mail. The first open emits `automation.email.opened`
 * `{ runId, stepId, recordId, mailId }` (a wait for it goes on); later ones only count.
 */
export async function recordEmailOpen(database: Database, env: Env, token: string, at: Date = new Date()): Promise<'first' | 'again' | 'unknown'> {
  const parsed = parseTrackingToken(env, token);
  if (!parsed) return 'unknown';
  return database.db.transaction(async (tx) => {
    const key = and(eq(emailSends.workspaceId, parsed.workspaceId), eq(emailSends.id, parsed.sendId));
    const [first] = await tx.update(emailSends).set({ openedAt: at, openCount: sql`${emailSends.openCount} + 1` }).where(and(key, isNull(emailSends.openedAt))).returning();
    if (first) {
      await emitEvents(tx, {
        workspaceId: first.workspaceId, event: AUTOMATION_EVENTS.emailOpened,
        payload: { runId: first.runId, stepId: first.stepId, recordId: first.recordId, mailId: first.mailId, workflowId: first.workflowId, object: first.object, sendId: first.id, openedAt: at.toISOString() },
      });
      return 'first';
    }
    const again = await tx.update(emailSends).set({ openCount: sql`${emailSends.openCount} + 1` }).where(key).returning({ id: emailSends.id });
    return again.length ? 'again' : 'unknown';
  });
}

/** Workflows wait for it (welcome sequence: opened, or a second mail after 72 hours). */
export const emailOpenedEvent: WorkflowEventDefinition = {
  event: AUTOMATION_EVENTS.emailOpened,
  labels: localized('邮件已打开', '郵件已開啟', 'Email opened'),
  // By run: the mail's own run goes on; the step that sent it is in the payload (`stepId`), not the wait's.
  correlate: { runIdKey: 'runId', recordIdKey: 'recordId' },
};
