import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TEmailTemplate } from '@voyage/contracts';
import { assertCapability, type Context } from '@voyage/kernel';
import { emailTemplates } from '../db/email-templates';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { emailTemplateToWire } from './email-template-wire';

/** The workspace's live templates by name; `object` keeps those of one record kind and the generic ones. */
export async function listEmailTemplates(ctx: Context, object?: string): Promise<TEmailTemplate[]> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const rows = await ctx.db.select().from(emailTemplates).where(and(eq(emailTemplates.workspaceId, ctx.workspaceId), isNull(emailTemplates.deletedAt))).orderBy(asc(emailTemplates.name));
  return rows.filter((r) => !object || r.object === null || r.object === object).map(emailTemplateToWire);
}
