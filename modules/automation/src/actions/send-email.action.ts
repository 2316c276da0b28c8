import { z } from 'zod';
import { AppError, idFromKey, localized, queueMail, translate, loadLinkedValues, type WorkflowActionContext, type WorkflowActionDefinition } from '@voyage/kernel';
import { emailSends } from '../db/email-templates';
import { loadEmailTemplate } from '../email-templates/email-template-wire';
import { htmlToText, mergeValuesFor, renderMerge, usersById } from '../email-templates/merge-fields';
import { trackingPixelHtml } from '../email-templates/open-tracking';
import { ACTION_ERRORS } from './action-messages';
import { inputName } from './action-support';

export const ZSendEmailInput = z.object({
  templateId: z.uuid(),
  /** The record's own address (contacts, leads), its owner's, a linked record's (a deal's primary contact), or a fixed one. */
  to: z.enum(['record', 'owner', 'linked', 'address']).default('record'),
  /** to `linked`: the record field pointing at the record to write to (`primaryContactId`). */
  linkField: z.string().min(1).max(200).optional(),
  address: z.email().max(254).optional(),
}).refine((v) => v.to !== 'address' || v.address, { path: ['address'], message: 'required' })
  .refine((v) => v.to !== 'linked' || v.linkField, { path: ['linkField'], message: 'required' });
export type TSendEmailInput = z.infer<typeof ZSendEmailInput>;

async function recipient(actx: WorkflowActionContext, input: TSendEmailInput): Promise<string> {
  if (input.to === 'address') return input.address!;
  const values = actx.record?.values ?? {};
  if (input.to === 'record' || input.to === 'linked') {
    const email = input.to === 'record' ? values.email : (await loadLinkedValues(actx, input.linkField!))?.email;
    if (typeof email === 'string' && email) return email;
    throw new AppError(ACTION_ERRORS.noRecipient, { params: { who: translate(actx.ctx.locale, `automation.action.recipient_${input.to}`) } });
  }
  const ownerId = typeof values.ownerId === 'string' ? values.ownerId : null;
  const owner = ownerId ? (await usersById(actx.ctx.db, [ownerId])).get(ownerId) : undefined;
  if (!owner) throw new AppError(ACTION_ERRORS.noRecipient, { params: { who: translate(actx.ctx.locale, 'automation.action.recipient_owner') } });
  return owner.email;
}

/** The mail as it would go out: recipient, subject and HTML body with merge fields filled in (escaped in HTML). */
async function compose(actx: WorkflowActionContext, input: TSendEmailInput) {
  const template = await loadEmailTemplate(actx.ctx, input.templateId).catch(() => { throw new AppError(ACTION_ERRORS.templateMissing); });
  const to = await recipient(actx, input);
  const values = await mergeValuesFor(actx.ctx.db, actx.record, to);
  return { template, to, subject: renderMerge(template.subject, values, { html: false }), html: renderMerge(template.body, values, { html: true }) };
}

/**
 * `automation.send_email`: a template's mail to the record, its owner or a fixed address. The
 * step's key is the mail's dedupe key (a rerun queues nothing) and names the tracked send, whose
 * pixel emits `automation.email.opened` on the first open.
 */
export const sendEmailAction: WorkflowActionDefinition<TSendEmailInput> = {
  key: 'automation.send_email',
  labels: localized('发送邮件', '寄送郵件', 'Send an email'),
  descriptions: localized('按模板发送邮件（含合并字段和打开跟踪）', '依範本寄送郵件（含合併欄位與開啟追蹤）', 'An email from a template, with merge fields and open tracking'),
  fields: [
    { key: 'templateId', kind: 'template', required: true, labels: localized('邮件模板', '郵件範本', 'Email template') },
    { key: 'to', kind: 'select', labels: localized('收件人', '收件人', 'Send to'), options: [
      { value: 'record', labels: localized('记录的邮箱', '記錄的電子郵件', 'The record\'s email') },
      { value: 'owner', labels: localized('记录负责人', '記錄負責人', 'The record\'s owner') },
      { value: 'linked', labels: localized('关联记录的邮箱', '關聯記錄的電子郵件', 'A linked record\'s email') },
      { value: 'address', labels: localized('固定地址', '固定地址', 'A fixed address') },
    ] },
    { key: 'linkField', kind: 'field', labels: localized('关联字段', '關聯欄位', 'Link field') },
    { key: 'address', kind: 'text', labels: localized('邮箱地址', '電子郵件地址', 'Address') },
  ],
  input: ZSendEmailInput,
  async check(ctx, input, object) {
    const template = await loadEmailTemplate(ctx, input.templateId).catch(() => null);
    const field = inputName(ctx.locale, sendEmailAction.fields, 'templateId');
    if (!template) return [{ field: 'templateId', code: 'not_found', message: translate(ctx.locale, 'automation.action.template_unknown', { field }) }];
    if (template.object && template.object !== object) return [{ field: 'templateId', code: 'object', message: translate(ctx.locale, 'automation.action.template_object', { field }) }];
    return [];
  },
  async describe(actx, input) {
    const mail = await compose(actx, input);
    return { summary: translate(actx.ctx.locale, 'automation.action.summary.send_email', { subject: mail.subject, to: mail.to }), output: { to: mail.to, subject: mail.subject } };
  },
  async run(actx, input) {
    const { ctx } = actx;
    const mail = await compose(actx, input);
    const sendId = idFromKey(`automation.send_email:${actx.idempotencyKey}`);
    const html = `${mail.html}${trackingPixelHtml(ctx.env, ctx.workspaceId, sendId)}`;
    const mailId = await queueMail(ctx.db, { workspaceId: ctx.workspaceId, to: mail.to, subject: mail.subject, html, text: htmlToText(mail.html), dedupeKey: `workflow:${actx.idempotencyKey}` });
    if (!mailId) return { to: mail.to, subject: mail.subject, sendId, repeated: true };
    await ctx.db.insert(emailSends).values({
      workspaceId: ctx.workspaceId, id: sendId, mailId, templateId: mail.template.id, workflowId: actx.workflowId, runId: actx.runId, stepId: actx.stepId,
      object: actx.record?.object ?? null, recordId: actx.record?.id ?? null, toAddress: mail.to, sentAt: actx.now,
    });
    return { to: mail.to, subject: mail.subject, mailId, sendId };
  },
};
