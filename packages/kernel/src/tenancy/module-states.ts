import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { workspaceModules } from '../db/schema';
import type { ModuleDefinition, ModuleRegistry } from '../module-registry/registry';

// Module switches are read on every gated request; a short cache keeps that off the database.
// Another replica sees a switch within this many milliseconds.
const CACHE_MS = 5_000;

type States = Map<string, boolean>;
const cache = new WeakMap<object, Map<string, { expires: number; states: States }>>();

/** A module with no row of its own is on unless it says `enabledByDefault: false`; core modules are always on. */
function ownDefault(module: ModuleDefinition): boolean {
  return module.core === true || module.enabledByDefault !== false;
}

/**
 * Whether each registered module is on in a workspace. A module counts as off while any
 * module it depends on is off, so a route of a module never runs without its dependencies.
 */
export async function loadModuleStates(db: Queryable, workspaceId: string, registry: ModuleRegistry): Promise<States> {
  const rows = await db.select({ key: workspaceModules.moduleKey, enabled: workspaceModules.enabled }).from(workspaceModules).where(eq(workspaceModules.workspaceId, workspaceId));
  const own = new Map(rows.map((r) => [r.key, r.enabled]));
  const states: States = new Map();
  for (const module of registry.ordered()) {
    const self = module.core ? true : (own.get(module.key) ?? ownDefault(module));
    states.set(module.key, self && (module.dependsOn ?? []).every((d) => states.get(d) === true));
  }
  return states;
}

/** Is the module on in this workspace? Unknown modules are off. Cached briefly per database and workspace. */
export async function isModuleEnabled(db: Queryable, workspaceId: string, key: string, registry: ModuleRegistry): Promise<boolean> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(workspaceId);
  if (hit && hit.expires > Date.now()) return hit.states.get(key) ?? false;
  const states = await loadModuleStates(db, workspaceId, registry);
  perDb.set(workspaceId, { expires: Date.now() + CACHE_MS, states });
  return states.get(key) ?? false;
}

/** Drops the cached switches of a workspace after a change in this process. */
export function forgetModuleStates(db: Queryable, workspaceId: string): void {
  cache.get(db)?.delete(workspaceId);
}
