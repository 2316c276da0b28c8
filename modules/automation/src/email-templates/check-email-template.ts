import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { AppError, translate, workflowRecordSource, type Context } from '@voyage/kernel';
import { emailTemplates } from '../db/email-templates';
import { checkMergeFields } from './merge-fields';
import { EMAIL_TEMPLATE_ERRORS } from './email-template-messages';

/**
 * A template as it would be saved: a known record kind, a name no other live template has,
 * and only merge fields that exist for the kind (422 naming each, before it can ever send).
 */
export async function checkEmailTemplate(ctx: Context, state: { id?: string; name: string; object: string | null; subject: string; body: string }): Promise<void> {
  if (state.object !== null && !workflowRecordSource(state.object)) {
    throw new AppError(EMAIL_TEMPLATE_ERRORS.unknownObject, { params: { field: 'object' }, details: { fields: [{ field: 'object', code: 'unknown', message: translate(ctx.locale, `errors.${EMAIL_TEMPLATE_ERRORS.unknownObject}`, { field: 'object' }) }] } });
  }
  const issues = await checkMergeFields(ctx, state.object, { subject: state.subject, body: state.body });
  if (issues.length) {
    throw new AppError(EMAIL_TEMPLATE_ERRORS.unknownMergeField, { params: { fields: issues.map((i) => i.message).join(' ') }, details: { fields: issues } });
  }
  const [taken] = await ctx.db.select({ id: emailTemplates.id }).from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, ctx.workspaceId), sql`lower(${emailTemplates.name}) = lower(${state.name})`, isNull(emailTemplates.deletedAt), state.id ? ne(emailTemplates.id, state.id) : undefined));
  if (taken) throw new AppError(EMAIL_TEMPLATE_ERRORS.nameTaken, { details: { fields: [{ field: 'name', code: 'taken', message: translate(ctx.locale, `errors.${EMAIL_TEMPLATE_ERRORS.nameTaken}`) }] } });
}
