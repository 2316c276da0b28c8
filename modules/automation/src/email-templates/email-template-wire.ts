import { and, eq, isNull } from 'drizzle-orm';
import type { TEmailTemplate } from '@voyage/contracts';
import { AppError, type Context } from '@voyage/kernel';
import { emailTemplates } from '../db/email-templates';
import './email-template-messages';

export type EmailTemplateRow = typeof emailTemplates.$inferSelect;

export function emailTemplateToWire(row: EmailTemplateRow): TEmailTemplate {
  return { id: row.id, name: row.name, object: row.object, subject: row.subject, body: row.body, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version };
}

/** A live template of the workspace, or 404. */
export async function loadEmailTemplate(ctx: Pick<Context, 'db' | 'workspaceId'>, id: string, options: { forUpdate?: boolean } = {}): Promise<EmailTemplateRow> {
  const query = ctx.db.select().from(emailTemplates).where(and(eq(emailTemplates.workspaceId, ctx.workspaceId), eq(emailTemplates.id, id), isNull(emailTemplates.deletedAt)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { params: { what: 'email template' } });
  return row;
}
