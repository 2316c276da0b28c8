import { and, eq } from 'drizzle-orm';
import type { Context } from '../context';
import { mailSettings } from '../db/schema';
import { AppError } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { sealSecret } from '../auth/secret-box';
import { getMailSettings, type MailSettingsView } from './get-mail-settings';

export interface UpdateMailSettingsInput {
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  /** Omitted: keep the stored password. null or empty: clear it. */
  password?: string | null;
  fromName: string;
  fromEmail: string;
  version: number;
}

/** Saves the SMTP settings. The password is encrypted with VOYAGE_SECRET and never audited. */
export async function updateMailSettings(ctx: Context, input: UpdateMailSettingsInput): Promise<MailSettingsView> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const before = await getMailSettings({ db: tx, workspaceId });
    if (before.version !== input.version) throw new AppError('version_conflict');
    const values = {
      host: input.host || null,
      port: input.port,
      secure: input.secure,
      username: input.username || null,
      fromName: input.fromName,
      fromEmail: input.fromEmail.trim().toLowerCase(),
    };
    const password = input.password === undefined ? {} : { passwordEncrypted: input.password ? sealSecret(ctx.env.VOYAGE_SECRET, input.password) : null };
    const stamp = { updatedAt: new Date(), updatedBy: actor.userId, version: input.version + 1 };
    if (input.version === 0) {
      const inserted = await tx.insert(mailSettings).values({ workspaceId, ...values, ...password, ...stamp, createdBy: actor.userId }).onConflictDoNothing().returning({ v: mailSettings.version });
      if (!inserted[0]) throw new AppError('version_conflict');
    } else {
      const updated = await tx.update(mailSettings).set({ ...values, ...password, ...stamp }).where(and(eq(mailSettings.workspaceId, workspaceId), eq(mailSettings.version, input.version))).returning({ v: mailSettings.version });
      if (!updated[0]) throw new AppError('version_conflict');
    }
    const { passwordSet: _p, catcher: _c, version: _v, ...old } = before;
    await writeAudit(tx, {
      workspaceId,
      action: 'setting_change',
      object: 'mail_settings',
      recordId: workspaceId,
      oldValues: old,
      newValues: { ...values, ...(input.password === undefined ? {} : { passwordChanged: true }) },
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKey?.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
  });
  return getMailSettings(ctx);
}
