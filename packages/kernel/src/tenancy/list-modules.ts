import type { Context } from '../context';
import { hasCapability } from '../permissions/check';
import type { Locale } from '../i18n/locales';
import type { ModuleRegistry } from '../module-registry/registry';
import { loadModuleStates } from './module-states';

export interface ModuleStateView {
  key: string;
  labels: Record<Locale, string>;
  descriptions: Record<Locale, string> | null;
  dependsOn: string[];
  core: boolean;
  enabled: boolean;
  nav: Array<{ key: string; path: string; labels: Record<Locale, string>; icon: string | null }>;
}

/**
 * Every module of this build with its switch in this workspace, in dependency order. Nav items
 * that need a capability are left out for a reader without it (a rep does not see Workflows).
 */
export async function listModules(ctx: Pick<Context, 'db' | 'workspaceId'> & Partial<Pick<Context, 'actor'>>, registry: ModuleRegistry): Promise<ModuleStateView[]> {
  const states = await loadModuleStates(ctx.db, ctx.workspaceId, registry);
  return registry.ordered().map((m) => ({
    key: m.key,
    labels: m.labels,
    descriptions: m.descriptions ?? null,
    dependsOn: m.dependsOn ?? [],
    core: m.core ?? false,
    enabled: states.get(m.key) ?? false,
    nav: (m.nav ?? []).filter((n) => !n.capability || !ctx.actor || hasCapability(ctx.actor, n.capability)).map((n) => ({ key: n.key, path: n.path, labels: n.labels, icon: n.icon ?? null })),
  }));
}
