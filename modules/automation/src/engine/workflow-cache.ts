import { and, eq, isNull } from 'drizzle-orm';
import type { TWorkflowGraph } from '@voyage/contracts';
import type { Queryable } from '@voyage/kernel';
import { workflows, workflowVersions } from '../db/workflows';

/** A switched-on workflow with the version new runs start on. */
export interface LiveWorkflow {
  id: string;
  version: number;
  graph: TWorkflowGraph;
  runAsUserId: string;
}

/**
 * Triggers look up the live workflows of a workspace for every event, so each process keeps
 * them briefly. A change in this process drops its entry at once; other processes see it
 * within `LIVE_TTL_MS`.
 */
const LIVE_TTL_MS = 2_000;
const live = new Map<string, { at: number; list: Promise<LiveWorkflow[]> }>();

export function liveWorkflows(db: Queryable, workspaceId: string): Promise<LiveWorkflow[]> {
  const hit = live.get(workspaceId);
  if (hit && Date.now() - hit.at < LIVE_TTL_MS) return hit.list;
  const list = db
    .select({ id: workflows.id, version: workflowVersions.version, graph: workflowVersions.graph, runAsUserId: workflowVersions.runAsUserId })
    .from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.workspaceId, workflows.workspaceId), eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.publishedVersion)))
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.status, 'on'), isNull(workflows.deletedAt)))
    // Run now: a query builder kept in the cache would run again, on a transaction long closed.
    .then((rows) => rows);
  live.set(workspaceId, { at: Date.now(), list });
  list.catch(() => live.delete(workspaceId));
  return list;
}

export function invalidateLiveWorkflows(workspaceId: string): void {
  live.delete(workspaceId);
}

/** Published versions never change: cached for good (bounded). */
const versions = new Map<string, Promise<{ graph: TWorkflowGraph; runAsUserId: string } | null>>();
const MAX_VERSIONS = 2_000;

export function workflowVersion(db: Queryable, workspaceId: string, workflowId: string, version: number): Promise<{ graph: TWorkflowGraph; runAsUserId: string } | null> {
  const key = `${workspaceId}:${workflowId}:${version}`;
  let hit = versions.get(key);
  if (!hit) {
    if (versions.size >= MAX_VERSIONS) versions.delete(versions.keys().next().value!);
    hit = db
      .select({ graph: workflowVersions.graph, runAsUserId: workflowVersions.runAsUserId })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.workspaceId, workspaceId), eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)))
      .then((rows) => rows[0] ?? null);
    versions.set(key, hit);
    hit.then((v) => { if (!v) versions.delete(key); }, () => versions.delete(key));
  }
  return hit;
}
