import type { TWorkflowGraph } from '../workflows-api';
import type { CanvasMarks } from './workflow-canvas';
import type { NodeMark } from './workflow-node';

export interface PathStep {
  nodeId: string;
  outcome: string | null;
  failed: boolean;
  waiting?: boolean;
}

/** The nodes a run (or a test run) went through, numbered, and the edges between them, for the canvas. */
export function marksFromPath(graph: TWorkflowGraph, steps: PathStep[]): CanvasMarks {
  const nodes = new Map<string, { mark: NodeMark; order: number }>();
  const edges = new Set<string>();
  steps.forEach((step, i) => {
    nodes.set(step.nodeId, { mark: step.failed ? 'failed' : step.waiting ? 'waiting' : 'path', order: i + 1 });
    const next = steps[i + 1];
    if (!next) return;
    const between = graph.edges.filter((e) => e.source === step.nodeId && e.target === next.nodeId);
    const taken = between.find((e) => (e.sourceHandle ?? null) === step.outcome) ?? between[0];
    if (taken) edges.add(taken.id);
  });
  return { nodes, edges };
}
