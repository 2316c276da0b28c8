import { sql } from 'drizzle-orm';
import { passwordResets, users } from '../db/schema';
import type { Env } from '../env';
import { translate } from '../i18n/translate';
import { isLocale, type Locale } from '../i18n/locales';
import { queueMail } from '../mail/queue-mail';
import { auditAuthEvent } from './audit-auth-event';
import { AUTH_SETTINGS } from './auth-settings';
import type { AuthDeps, RequestMeta } from './auth-request';
import { randomToken, sha256 } from './tokens';
import { listUserWorkspaces } from './user-workspaces';

/** The base URL of emailed links. */
export function publicBaseUrl(env: Env): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/**
 * Emails a one-time reset link when the address belongs to an account. The caller answers the
 * same way either way, so the form cannot be used to find out who has an account.
 * Returns whether a mail was queued (for logs and tests only).
 */
export async function requestPasswordReset(deps: AuthDeps, email: string, meta: RequestMeta = {}): Promise<boolean> {
  const { db } = deps.database;
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).limit(1);
  const user = rows[0];
  if (!user || user.deletedAt) return false;
  const workspaces = await listUserWorkspaces(db, user.id);
  // Mail is stored per workspace; someone with no workspace has nobody to send it for.
  const workspace = workspaces.find((w) => w.id === user.lastWorkspaceId) ?? workspaces[0];
  if (!workspace) return false;
  const token = randomToken(32);
  const minutes = AUTH_SETTINGS.passwordResetMinutes;
  const locale: Locale = isLocale(user.locale) ? user.locale : (meta.locale ?? 'en');
  const link = `${publicBaseUrl(deps.env)}/reset-password?token=${encodeURIComponent(token)}`;
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ id: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + minutes * 60_000) });
    await queueMail(tx, {
      workspaceId: workspace.id,
      to: user.email,
      subject: translate(locale, 'mail.password_reset.subject'),
      text: translate(locale, 'mail.password_reset.body', { name: user.name, minutes, link }),
    });
    await auditAuthEvent(tx, workspace.id, { userId: user.id, action: 'password_reset_requested', ip: meta.ip, requestId: meta.requestId });
  });
  return true;
}
