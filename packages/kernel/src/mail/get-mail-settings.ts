import { eq } from 'drizzle-orm';
import type { Context } from '../context';
import { mailSettings } from '../db/schema';

export interface MailSettingsView {
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  passwordSet: boolean;
  fromName: string;
  fromEmail: string;
  catcher: boolean;
  version: number;
}

/** The workspace's SMTP settings, without the password. Defaults (the mail catcher) until first saved. */
export async function getMailSettings(ctx: Pick<Context, 'db' | 'workspaceId'>): Promise<MailSettingsView> {
  const [row] = await ctx.db.select().from(mailSettings).where(eq(mailSettings.workspaceId, ctx.workspaceId));
  if (!row) return { host: null, port: null, secure: false, username: null, passwordSet: false, fromName: 'Voyage CRM', fromEmail: 'no-reply@voyage.local', catcher: true, version: 0 };
  return {
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    passwordSet: Boolean(row.passwordEncrypted),
    fromName: row.fromName,
    fromEmail: row.fromEmail,
    catcher: !row.host,
    version: row.version,
  };
}
