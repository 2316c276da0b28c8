import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { roles, users, workspaces } from '../db/schema';
import { translate } from '../i18n/translate';
import { isLocale, type Locale } from '../i18n/locales';
import type { ModuleSubscriber } from '../module-registry/registry';
import { DEFAULT_ROLES } from '../tenancy/default-roles';
import { notify } from './notify';

/**
 * Tells a person, in their own language, that they joined a workspace or that their role
 * changed. The event id is the dedupe key, so a redelivered event notifies once.
 */
export const memberNotificationsSubscriber: ModuleSubscriber = {
  name: 'platform.member_notifications',
  events: ['platform.member.added', 'platform.member.updated'],
  async handle(ctx, event) {
    const payload = event.payload as { userId?: string; roleId?: string; changes?: { roleId?: string } };
    const added = event.event === 'platform.member.added';
    const roleId = added ? payload.roleId : payload.changes?.roleId;
    if (!payload.userId || !roleId) return; // an update that did not touch the role
    const [person] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, payload.userId));
    if (!person) return;
    const [workspace] = await ctx.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    const locale: Locale = isLocale(person.locale) ? person.locale : ctx.locale;
    const role = await roleName(ctx.db, ctx.workspaceId, roleId, locale);
    const params = { workspace: workspace?.name ?? '', role };
    const kind = added ? 'member_added' : 'role_changed';
    await notify(ctx.db, {
      workspaceId: ctx.workspaceId,
      userIds: [payload.userId],
      kind,
      title: translate(locale, `notifications.${kind}.title`, params),
      body: translate(locale, `notifications.${kind}.body`, params),
      link: added ? '/' : '/account',
      dedupeKey: event.id,
    });
  },
};

/** A default role keeps its name in every language until an admin renames it. */
async function roleName(db: Queryable, workspaceId: string, roleId: string, locale: Locale): Promise<string> {
  const [role] = await db.select({ key: roles.key, name: roles.name }).from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, roleId)));
  if (!role) return '';
  const builtIn = DEFAULT_ROLES.find((r) => r.key === role.key);
  return builtIn && Object.values(builtIn.names).includes(role.name) ? builtIn.names[locale] : role.name;
}
