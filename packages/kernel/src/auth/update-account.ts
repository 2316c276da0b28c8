import { eq, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import type { Locale } from '../i18n/locales';
import type { SessionUser } from './log-in';

export interface AccountPatch {
  name?: string;
  locale?: Locale;
  theme?: 'light' | 'dark';
}

/** Changes a person's own name, language and theme. */
export async function updateAccount(ctx: Context, patch: AccountPatch): Promise<SessionUser> {
  const rows = await ctx.db
    .update(users)
    .set({ ...patch, updatedAt: new Date(), updatedBy: ctx.actor.userId, version: sql`${users.version} + 1` })
    .where(eq(users.id, ctx.actor.userId))
    .returning({ id: users.id, email: users.email, name: users.name, locale: users.locale, theme: users.theme });
  if (!rows[0]) throw new AppError('unauthenticated');
  return rows[0];
}
