import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TWorkflow } from '@voyage/contracts';
import { AppError, assertCapability, runInTransaction, type Context } from '@voyage/kernel';
import { approvalProcesses } from '../db/approvals';
import { emailTemplates } from '../db/email-templates';
import { workflows } from '../db/workflows';
import { createWorkflow, MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { createEmailTemplate } from '../email-templates/save-email-template';
import { DEFAULT_TEMPLATE_SETTINGS, workflowTemplate, type TemplateSettings, type WorkflowTemplate } from './workflow-templates';
import { TEMPLATE_ERRORS } from './template-messages';

/** The workflow installed from a template, if any (a trashed one does not count). */
export async function installedWorkflowId(ctx: Pick<Context, 'db' | 'workspaceId'>, key: string): Promise<string | null> {
  const [row] = await ctx.db.select({ id: workflows.id }).from(workflows).where(and(eq(workflows.workspaceId, ctx.workspaceId), eq(workflows.templateKey, key), isNull(workflows.deletedAt))).limit(1);
  return row?.id ?? null;
}

/** The template's email templates: existing ones of the same name are reused, the others created. */
async function ensureEmails(tx: Context, template: WorkflowTemplate): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const email of template.emails) {
    const name = email.name[tx.locale];
    const [existing] = await tx.db.select({ id: emailTemplates.id }).from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, tx.workspaceId), sql`lower(${emailTemplates.name}) = lower(${name})`, isNull(emailTemplates.deletedAt)));
    ids[email.key] = existing?.id ?? (await createEmailTemplate(tx, { name, object: email.object, subject: email.subject[tx.locale], body: email.body[tx.locale] })).id;
  }
  return ids;
}

/** With no process named, the workspace's deal approval process when there is exactly one. */
async function defaultProcessId(tx: Context): Promise<string | null> {
  const rows = await tx.db.select({ id: approvalProcesses.id }).from(approvalProcesses)
    .where(and(eq(approvalProcesses.workspaceId, tx.workspaceId), eq(approvalProcesses.object, 'deal'), eq(approvalProcesses.active, true), isNull(approvalProcesses.deletedAt))).limit(2);
  return rows.length === 1 ? rows[0].id : null;
}

/**
 * Installs a ready-made workflow, switched off, in the installer's language, with the email
 * templates it sends (created once). A template already installed is a 409.
 */
export async function installWorkflowTemplate(ctx: Context, key: string, input: Partial<TemplateSettings> = {}): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const template = workflowTemplate(key);
  if (!template) throw new AppError('not_found', { params: { what: 'workflow template' } });
  return runInTransaction(ctx, async (tx) => {
    // One install at a time per workspace and template: the second waits here, then sees the first.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`workflow-template:${tx.workspaceId}:${key}`}))`);
    if (await installedWorkflowId(tx, key)) throw new AppError(TEMPLATE_ERRORS.installed, { params: { name: template.name[tx.locale] } });
    const settings: TemplateSettings = { ...DEFAULT_TEMPLATE_SETTINGS, ...input, processId: input.processId ?? (key === 'large_deal_approval' ? await defaultProcessId(tx) : null) };
    const emailIds = await ensureEmails(tx, template);
    return createWorkflow(tx, { name: template.name[tx.locale], description: template.description[tx.locale], draft: template.build(tx.locale, settings, emailIds), templateKey: key });
  });
}
