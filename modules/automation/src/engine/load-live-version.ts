import type { TWorkflowGraph, TWorkflowTrigger } from '@voyage/contracts';
import { AppError, type Queryable } from '@voyage/kernel';
import type { WorkflowRow } from '../db/workflows';
import { triggerOf } from './graph';
import { workflowVersion } from './workflow-cache';
import './engine-messages';

/** The published version a new run of a switched-on workflow starts on, with its trigger; 422 when off or of another trigger kind. */
export async function liveVersionFor(db: Queryable, row: WorkflowRow, kind: TWorkflowTrigger['kind']): Promise<{ version: number; graph: TWorkflowGraph; trigger: TWorkflowTrigger; triggerId: string }> {
  if (row.status !== 'on' || row.publishedVersion === null) throw new AppError('workflow.off');
  const version = await workflowVersion(db, row.workspaceId, row.id, row.publishedVersion);
  const node = version ? triggerOf(version.graph) : undefined;
  if (!version || !node?.trigger) throw new AppError('workflow.off');
  if (node.trigger.kind !== kind) throw new AppError('workflow.wrong_trigger', { params: { kind: node.trigger.kind } });
  return { version: row.publishedVersion, graph: version.graph, trigger: node.trigger, triggerId: node.id };
}
