import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isLocale, loadActor, schema, type Context, type Database, type Env } from '@voyage/kernel';
import { workflowDefaultInstalls } from '../db/workflows';
import { publishWorkflow } from '../engine/publish-workflow';
import { setWorkflowStatus } from '../engine/set-workflow-status';
import { invalidateLiveWorkflows } from '../engine/workflow-cache';
import { installedWorkflowId, installWorkflowTemplate } from './install-workflow-template';
import { WORKFLOW_TEMPLATES, type WorkflowTemplate } from './workflow-templates';

const DEFAULTS: WorkflowTemplate[] = WORKFLOW_TEMPLATES.filter((t) => t.installByDefault);

/** Workspaces (per database) whose default workflows are all recorded: the 30-second clock skips them without a query. */
const done = new WeakMap<Database, Set<string>>();
/** A failed install is tried again after this long, not every 30 seconds. */
const RETRY_MS = 10 * 60_000;
const failed = new Map<string, number>();

/** Forgets what this process knows (tests). */
export function forgetDefaultInstalls(database: Database): void {
  done.delete(database);
  failed.clear();
}

/** Module switches as the gate reads them: no row = on (automation and sales are on by default). */
async function modulesOn(database: Database, workspaceId: string, keys: string[]): Promise<boolean> {
  const m = schema.workspaceModules;
  const rows = await database.db.select({ key: m.moduleKey, enabled: m.enabled }).from(m).where(and(eq(m.workspaceId, workspaceId), inArray(m.moduleKey, keys)));
  return rows.every((r) => r.enabled);
}

/** The workspace's earliest active admin: default workflows run as them ("runs act as the publisher"). */
async function earliestAdmin(database: Database, workspaceId: string): Promise<string | null> {
  const m = schema.memberships;
  const r = schema.roles;
  const [row] = await database.db.select({ userId: m.userId }).from(m)
    .innerJoin(r, and(eq(r.workspaceId, m.workspaceId), eq(r.id, m.roleId)))
    .where(and(eq(m.workspaceId, workspaceId), eq(m.status, 'active'), eq(r.isAdmin, true), isNull(r.deletedAt)))
    .orderBy(asc(m.createdAt), asc(m.userId)).limit(1);
  return row?.userId ?? null;
}

/**
 * Templates marked `installByDefault` (the stalled-deal alert) are installed, published and
 * switched on once per workspace where automation (and the modules the template needs) is on,
 * in the workspace's default language, run as its earliest active admin. Each install is
 * recorded, so an admin who switches the workflow off, edits or trashes it is never
 * overridden; a workflow the admin already installed from the template is recorded as it is.
 * Called by the 30-second clock job; returns the templates installed now.
 */
export async function ensureDefaultWorkflows(database: Database, env: Env, workspaceId: string): Promise<string[]> {
  let seen = done.get(database);
  if (!seen) done.set(database, (seen = new Set()));
  if (seen.has(workspaceId) || DEFAULTS.length === 0) return [];
  const recorded = new Set((await database.db.select({ key: workflowDefaultInstalls.templateKey }).from(workflowDefaultInstalls)
    .where(eq(workflowDefaultInstalls.workspaceId, workspaceId))).map((r) => r.key));
  const missing = DEFAULTS.filter((t) => !recorded.has(t.key));
  if (missing.length === 0) {
    seen.add(workspaceId);
    return [];
  }
  const installed: string[] = [];
  for (const template of missing) {
    const failure = `${workspaceId}:${template.key}`;
    if ((failed.get(failure) ?? 0) > Date.now()) continue;
    if (!(await modulesOn(database, workspaceId, ['automation', ...(template.modules ?? [])]))) continue;
    const adminId = await earliestAdmin(database, workspaceId);
    const actor = adminId ? await loadActor(database.db, workspaceId, adminId) : null;
    if (!actor) continue;
    const [workspace] = await database.db.select({ locale: schema.workspaces.defaultLocale }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    const locale = isLocale(workspace?.locale) ? workspace.locale : 'zh-CN';
    const made = await database.db.transaction(async (tx) => {
      const ctx: Context = { env, database, db: tx, workspaceId, actor, locale };
      // One installer at a time per workspace and template (another worker may run the clock too).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`workflow-default:${workspaceId}:${template.key}`}))`);
      const [again] = await tx.select({ id: workflowDefaultInstalls.workflowId }).from(workflowDefaultInstalls)
        .where(and(eq(workflowDefaultInstalls.workspaceId, workspaceId), eq(workflowDefaultInstalls.templateKey, template.key)));
      if (again) return false;
      // Installed by hand before: recorded as the admin left it.
      let workflowId = await installedWorkflowId(ctx, template.key);
      if (!workflowId) {
        const draft = await installWorkflowTemplate(ctx, template.key);
        const published = await publishWorkflow(ctx, draft.id, draft.version);
        await setWorkflowStatus(ctx, draft.id, { version: published.version, status: 'on' });
        workflowId = draft.id;
      }
      await tx.insert(workflowDefaultInstalls).values({ workspaceId, templateKey: template.key, workflowId }).onConflictDoNothing();
      return true;
    }).catch((error: unknown) => {
      // One workspace's failure must not stop the clock's date triggers of every workspace.
      failed.set(failure, Date.now() + RETRY_MS);
      console.error(`Installing the default workflow ${template.key} in workspace ${workspaceId} failed; retrying in ${RETRY_MS / 60_000} minutes`, error);
      return false;
    });
    if (made) installed.push(template.key);
  }
  invalidateLiveWorkflows(workspaceId);
  return installed;
}
