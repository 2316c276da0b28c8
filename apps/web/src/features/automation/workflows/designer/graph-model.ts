import type { TWorkflowEdge, TWorkflowGraph, TWorkflowIssue, TWorkflowNode } from '../workflows-api';

export type NodeType = TWorkflowNode['type'];

/** One outgoing handle of a node: `id` is the edge's `sourceHandle` (undefined = the one next step). */
export interface OutHandle {
  id: string | undefined;
  /** i18n key, or a literal label (branch ways). */
  labelKey?: string;
  label?: string;
}

/** The handles a node's edges leave by, as the engine reads them (contracts: ZWorkflowEdge). */
export function outHandles(node: TWorkflowNode): OutHandle[] {
  switch (node.type) {
    case 'end':
      return [];
    case 'condition':
      return [{ id: 'true', labelKey: 'workflows.handles.true' }, { id: 'false', labelKey: 'workflows.handles.false' }];
    case 'branch':
      return [...(node.branches ?? []).map((b) => ({ id: b.key, label: b.label || b.key })), { id: 'else', labelKey: 'workflows.handles.else' }];
    case 'wait':
      return node.wait?.mode === 'event' ? [{ id: 'event', labelKey: 'workflows.handles.event' }, { id: 'timeout', labelKey: 'workflows.handles.timeout' }] : [{ id: undefined }];
    default:
      return [{ id: undefined }];
  }
}

export const hasTarget = (node: TWorkflowNode) => node.type !== 'trigger';

/** A short id, unique within the graph (the API allows 60 characters). */
export function newNodeId(type: NodeType, graph: TWorkflowGraph): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = graph.nodes.length + 1; ; i += 1) {
    const id = `${type}_${i}`;
    if (!taken.has(id)) return id;
  }
}

export const edgeId = (source: string, handle: string | undefined, target: string) => `e_${source}_${handle ?? 'next'}_${target}`.slice(0, 120);

/** A new node of `type` with the settings its form starts from. */
export function makeNode(type: NodeType, graph: TWorkflowGraph, position: { x: number; y: number }, action?: string): TWorkflowNode {
  const id = newNodeId(action ? 'action' : type, graph);
  switch (type) {
    case 'trigger':
      return { id, type, position, trigger: { kind: 'record_updated' } };
    case 'condition':
      return { id, type, position, rules: { op: 'and', rules: [] } };
    case 'branch':
      return { id, type, position, branches: [{ key: 'way_1', label: '', rules: { op: 'and', rules: [] } }] };
    case 'action':
      return { id, type, position, action, input: {} };
    case 'wait':
      return { id, type, position, wait: { mode: 'duration', duration: { amount: 1, unit: 'days' } } };
    default:
      return { id, type, position };
  }
}

/** Connects `source`'s handle to `target`; a handle leads to one next step, so an earlier edge from it is replaced. */
export function connect(graph: TWorkflowGraph, source: string, handle: string | undefined, target: string): TWorkflowGraph {
  if (source === target) return graph;
  const edges = graph.edges.filter((e) => !(e.source === source && (e.sourceHandle ?? undefined) === handle));
  const edge: TWorkflowEdge = { id: edgeId(source, handle, target), source, target, ...(handle ? { sourceHandle: handle } : {}) };
  return { ...graph, edges: [...edges, edge] };
}

export function removeNodes(graph: TWorkflowGraph, ids: Set<string>): TWorkflowGraph {
  return { nodes: graph.nodes.filter((n) => !ids.has(n.id)), edges: graph.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)) };
}

/** Replaces one node; edges leaving by handles the node no longer has (a removed branch way) go with them. */
export function replaceNode(graph: TWorkflowGraph, node: TWorkflowNode): TWorkflowGraph {
  const handles = new Set(outHandles(node).map((h) => h.id ?? ''));
  return {
    nodes: graph.nodes.map((n) => (n.id === node.id ? node : n)),
    edges: graph.edges.filter((e) => e.source !== node.id || handles.has(e.sourceHandle ?? '')),
  };
}

/** The step a publish problem is about, from its node id or its `nodes.<id>…` path. */
export const issueNodeId = (issue: TWorkflowIssue) => issue.nodeId ?? /^nodes\.([^.]+)/.exec(issue.path)?.[1] ?? null;

/** Publish problems grouped by node; `graph` holds those about the whole graph or an edge. */
export function issuesByNode(issues: TWorkflowIssue[]): { byNode: Map<string, TWorkflowIssue[]>; edges: Set<string>; graph: TWorkflowIssue[] } {
  const byNode = new Map<string, TWorkflowIssue[]>();
  const edges = new Set<string>();
  const graph: TWorkflowIssue[] = [];
  for (const issue of issues) {
    const edgeId = /^edges\.(.+)$/.exec(issue.path)?.[1];
    if (edgeId) edges.add(edgeId);
    const nodeId = issueNodeId(issue);
    if (nodeId) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), issue]);
    else graph.push(issue);
  }
  return { byNode, edges, graph };
}

/** Field errors of one node's form, keyed by what follows `nodes.<id>.` (`input.subject`, `trigger.field`…). */
export function nodeFieldErrors(issues: TWorkflowIssue[] | undefined, nodeId: string): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `nodes.${nodeId}.`;
  for (const issue of issues ?? []) if (issue.path.startsWith(prefix)) out[issue.path.slice(prefix.length)] ??= issue.message;
  return out;
}

export const sameGraph = (a: TWorkflowGraph, b: TWorkflowGraph) => JSON.stringify(a) === JSON.stringify(b);

const settings = (node: TWorkflowGraph['nodes'][number] | undefined) => (node ? JSON.stringify({ ...node, position: undefined }) : null);

/** The problems still standing after an edit: those of a step whose settings changed are dropped until the next check. */
export function issuesAfterEdit(issues: TWorkflowIssue[] | null, before: TWorkflowGraph, after: TWorkflowGraph): TWorkflowIssue[] | null {
  if (!issues) return issues;
  return issues.filter((issue) => {
    const id = issueNodeId(issue);
    return !id || settings(before.nodes.find((n) => n.id === id)) === settings(after.nodes.find((n) => n.id === id));
  });
}
