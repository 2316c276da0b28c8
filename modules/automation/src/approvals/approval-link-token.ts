import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid, publicBaseUrl, type Env } from '@voyage/kernel';

const DAY_MS = 86_400_000;

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const sign = (env: Env, payload: Buffer) => createHmac('sha256', env.VOYAGE_SECRET).update('approval-link:').update(payload).digest().subarray(0, 16);

/**
 * The emailed link's token: the workspace, the approver's task (one approver, one stage of one
 * round) and when it expires, signed. No table holds it: the task's own status makes it single
 * use (a decided task is no longer pending) and refuses it once the request moved on.
 */
export function approvalLinkToken(env: Env, link: { workspaceId: string; taskId: string; expiresAt: Date }): string {
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(Math.floor(link.expiresAt.getTime() / 1000));
  const payload = Buffer.concat([hex(link.workspaceId), hex(link.taskId), expires]);
  return `${payload.toString('base64url')}.${sign(env, payload).toString('base64url')}`;
}

export function approvalLinkUrl(env: Env, link: { workspaceId: string; taskId: string; expiresAt: Date }): string {
  return `${publicBaseUrl(env)}/approval-link?token=${approvalLinkToken(env, link)}`;
}

/** When a link sent now stops working. */
export const approvalLinkExpiry = (env: Env, now = new Date()) => new Date(now.getTime() + env.APPROVAL_LINK_DAYS * DAY_MS);

export function parseApprovalLinkToken(env: Env, token: string): { workspaceId: string; taskId: string; expiresAt: Date } | null {
  const [payloadPart, sigPart] = token.split('.');
  if (!payloadPart || !sigPart) return null;
  const payload = Buffer.from(payloadPart, 'base64url');
  const sig = Buffer.from(sigPart, 'base64url');
  if (payload.length !== 36) return null;
  const expected = sign(env, payload);
  if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) return null;
  const workspaceId = uuidOf(payload.subarray(0, 16));
  const taskId = uuidOf(payload.subarray(16, 32));
  if (!isUuid(workspaceId) || !isUuid(taskId)) return null;
  return { workspaceId, taskId, expiresAt: new Date(payload.readUInt32BE(32) * 1000) };
}
