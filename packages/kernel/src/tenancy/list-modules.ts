import type { Context } from '../context';
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

/** Every module of this build with its switch in this workspace, in dependency order. */
export async function listModules(ctx: Pick<Context, 'db' | 'workspaceId'>, registry: ModuleRegistry): Promise<ModuleStateView[]> {
  const states = await loadModuleStates(ctx.db, ctx.workspaceId, registry);
  return registry.ordered().map((m) => ({
    key: m.key,
    labels: m.labels,
    descriptions: m.descriptions ?? null,
    dependsOn: m.dependsOn ?? [],
    core: m.core ?? false,
    enabled: states.get(m.key) ?? false,
    nav: (m.nav ?? []).map((n) => ({ key: n.key, path: n.path, labels: n.labels, icon: n.icon ?? null })),
  }));
}
