import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from '@voyage/contracts';

type NodeSpec = Omit<TWorkflowNode, 'id' | 'position'>;

/**
 * A template's graph, laid out top to bottom: nodes in reading order (`row`, `column`) and
 * edges as `[source, target, handle?]`.
 */
export function graph(nodes: Array<[id: string, row: number, column: number, spec: NodeSpec]>, edges: Array<[string, string, string?]>): TWorkflowGraph {
  return {
    nodes: nodes.map(([id, row, column, spec]) => ({ id, position: { x: 240 * column, y: 140 * row }, ...spec })),
    edges: edges.map(([source, target, handle]): TWorkflowEdge => ({ id: `${source}-${handle ?? 'next'}-${target}`, source, target, ...(handle ? { sourceHandle: handle } : {}) })),
  };
}
