import { and, eq, sql } from 'drizzle-orm';
import type { TEmailTemplate } from '@voyage/contracts';
import { AppError, assertCapability, diffValues, newId, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { emailTemplates } from '../db/email-templates';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { checkEmailTemplate } from './check-email-template';
import { emailTemplateToWire, loadEmailTemplate } from './email-template-wire';

export interface EmailTemplateInput { name: string; object?: string | null; subject: string; body: string }

const audited = (t: TEmailTemplate) => ({ name: t.name, object: t.object, subject: t.subject, body: t.body });

export async function createEmailTemplate(ctx: Context, input: EmailTemplateInput): Promise<TEmailTemplate> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  return runInTransaction(ctx, async (tx) => {
    const state = { name: input.name, object: input.object ?? null, subject: input.subject, body: input.body };
    await checkEmailTemplate(tx, state);
    const [row] = await tx.db.insert(emailTemplates).values({ workspaceId: tx.workspaceId, id: newId(), ...state, createdBy: tx.actor.userId, updatedBy: tx.actor.userId }).returning();
    const wire = emailTemplateToWire(row);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'email_template', recordId: row.id, summary: row.name, newValues: audited(wire), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return wire;
  });
}

/** Changes a template; send the version read (409 when stale). */
export async function updateEmailTemplate(ctx: Context, id: string, input: Partial<EmailTemplateInput> & { version: number }): Promise<TEmailTemplate> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  return runInTransaction(ctx, async (tx) => {
    const current = await loadEmailTemplate(tx, id, { forUpdate: true });
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const state = { id, name: input.name ?? current.name, object: input.object === undefined ? current.object : input.object, subject: input.subject ?? current.subject, body: input.body ?? current.body };
    await checkEmailTemplate(tx, state);
    const [row] = await tx.db.update(emailTemplates).set({ name: state.name, object: state.object, subject: state.subject, body: state.body, version: sql`${emailTemplates.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(emailTemplates.workspaceId, tx.workspaceId), eq(emailTemplates.id, id))).returning();
    const wire = emailTemplateToWire(row);
    const { oldValues, newValues } = diffValues(audited(emailTemplateToWire(current)), audited(wire));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'email_template', recordId: id, summary: row.name, oldValues, newValues, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return wire;
  });
}

/** Moves a template to the trash (workflows using it fail their send step with a clear reason). */
export async function trashEmailTemplate(ctx: Context, id: string): Promise<void> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  await runInTransaction(ctx, async (tx) => {
    const current = await loadEmailTemplate(tx, id, { forUpdate: true });
    await tx.db.update(emailTemplates).set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: tx.actor.userId, version: sql`${emailTemplates.version} + 1` })
      .where(and(eq(emailTemplates.workspaceId, tx.workspaceId), eq(emailTemplates.id, id)));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'delete', object: 'email_template', recordId: id, summary: current.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  });
}
