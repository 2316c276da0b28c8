import { sql } from 'drizzle-orm';
import type { Context } from '../context';
import { workspaceModules } from '../db/schema';
import { AppError, notFound } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import type { ModuleRegistry } from '../module-registry/registry';
import { listModules, type ModuleStateView } from './list-modules';
import { forgetModuleStates, loadModuleStates } from './module-states';

/**
 * Switches a module on or off for the workspace. Its data stays either way. Switching on needs
 * its dependencies on; switching off needs the modules that depend on it off; core modules stay on.
 */
export async function setModuleEnabled(ctx: Context, registry: ModuleRegistry, key: string, enabled: boolean): Promise<ModuleStateView> {
  const { workspaceId, actor } = ctx;
  const module = registry.get(key);
  if (!module) throw notFound('module');
  const label = (k: string) => registry.get(k)?.labels[ctx.locale] ?? k;
  await ctx.database.db.transaction(async (tx) => {
    // Serialises concurrent switches of one workspace so two requests cannot each pass the dependency check.
    await tx.execute(sql`select id from workspaces where id = ${workspaceId} for update`);
    const states = await loadModuleStates(tx, workspaceId, registry);
    const was = states.get(key) ?? false;
    if (was === enabled) return;
    if (enabled) {
      const off = (module.dependsOn ?? []).filter((d) => !states.get(d));
      if (off.length) throw new AppError('tenancy.module_dependencies_off', { params: { modules: off.map(label).join(', ') }, details: { modules: off } });
    } else {
      if (module.core) throw new AppError('tenancy.module_core', { params: { module: label(key) } });
      const on = registry.dependents(key).filter((d) => states.get(d));
      if (on.length) throw new AppError('tenancy.module_has_dependents', { params: { modules: on.map(label).join(', ') }, details: { modules: on } });
    }
    const now = new Date();
    await tx
      .insert(workspaceModules)
      .values({ workspaceId, moduleKey: key, enabled, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: [workspaceModules.workspaceId, workspaceModules.moduleKey], set: { enabled, updatedAt: now, updatedBy: actor.userId } });
    await writeAudit(tx, { workspaceId, action: 'setting_change', object: 'module', recordId: key, summary: label(key), oldValues: { enabled: was }, newValues: { enabled }, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId, event: 'platform.module.switched', payload: { moduleKey: key, enabled }, actorUserId: actor.userId });
  });
  forgetModuleStates(ctx.database.db, workspaceId);
  const modules = await listModules({ ...ctx, db: ctx.database.db }, registry);
  return modules.find((m) => m.key === key)!;
}
