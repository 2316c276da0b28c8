import { eq } from 'drizzle-orm';
import { BUILTIN_CONTACT_ROLES, type TContactRole } from '@voyage/contracts';
import type { Context } from '@voyage/kernel';
import { contactRoles } from '../db/relationships';

const BUILTIN_LABELS: Record<(typeof BUILTIN_CONTACT_ROLES)[number], { labels: Record<string, string>; color: string }> = {
  decision_maker: { labels: { 'zh-CN': '决策者', 'zh-TW': '決策者', en: 'Decision maker' }, color: '#e03131' },
  economic_buyer: { labels: { 'zh-CN': '经济决策人', 'zh-TW': '經濟決策人', en: 'Economic buyer' }, color: '#f08c00' },
  champion: { labels: { 'zh-CN': '支持者', 'zh-TW': '支持者', en: 'Champion' }, color: '#2f9e44' },
  influencer: { labels: { 'zh-CN': '影响者', 'zh-TW': '影響者', en: 'Influencer' }, color: '#1971c2' },
  user: { labels: { 'zh-CN': '使用者', 'zh-TW': '使用者', en: 'User' }, color: '#0c8599' },
  gatekeeper: { labels: { 'zh-CN': '把关人', 'zh-TW': '把關人', en: 'Gatekeeper' }, color: '#7048e8' },
};

/** The built-in roles (in code, so no workspace needs seeding) followed by the workspace's own. */
export async function loadContactRoles(ctx: Pick<Context, 'db' | 'workspaceId'>): Promise<TContactRole[]> {
  const custom = await ctx.db.select().from(contactRoles).where(eq(contactRoles.workspaceId, ctx.workspaceId)).orderBy(contactRoles.createdAt);
  return [
    ...BUILTIN_CONTACT_ROLES.map((key) => ({ key, builtIn: true, labels: BUILTIN_LABELS[key].labels, color: BUILTIN_LABELS[key].color })),
    ...custom.map((r) => ({ key: r.key, builtIn: false, labels: r.labels, color: r.color })),
  ];
}
