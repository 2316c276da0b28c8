import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from '@voyage/contracts';

/** The handle of a step's one way out (triggers, actions, plain waits). */
export const NEXT = '';

/** The ways out of a step: `true`/`false`, a branch's way keys and `else`, an event wait's `event`/`timeout`. */
export function handlesOf(node: TWorkflowNode): string[] {
  switch (node.type) {
    case 'condition':
      return ['true', 'false'];
    case 'branch':
      return [...(node.branches ?? []).map((b) => b.key), 'else'];
    case 'wait':
      return node.wait?.mode === 'event' ? ['event', 'timeout'] : [NEXT];
    case 'end':
      return [];
    default:
      return [NEXT];
  }
}

/** Whether every way out of the step must be connected (an unconnected single way just ends the run). */
export function handlesRequired(node: TWorkflowNode): boolean {
  return node.type === 'condition' || node.type === 'branch' || (node.type === 'wait' && node.wait?.mode === 'event');
}

export const edgeHandle = (edge: TWorkflowEdge): string => edge.sourceHandle ?? NEXT;

/** The step a way out leads to, or null (the run ends). */
export function nextNodeId(graph: TWorkflowGraph, nodeId: string, handle: string | null): string | null {
  const want = handle ?? NEXT;
  return graph.edges.find((e) => e.source === nodeId && edgeHandle(e) === want)?.target ?? null;
}

export function triggerOf(graph: TWorkflowGraph): TWorkflowNode | undefined {
  return graph.nodes.find((n) => n.type === 'trigger');
}

export function nodeById(graph: TWorkflowGraph, id: string): TWorkflowNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

/** Node ids reachable from `start` along the edges. */
export function reachableFrom(graph: TWorkflowGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of graph.edges) if (e.source === id && !seen.has(e.target)) { seen.add(e.target); queue.push(e.target); }
  }
  return seen;
}

/**
 * Loops made only of steps that do not wait (Tarjan's strongly connected components over the
 * graph without its wait steps): such a loop would run forever without pause.
 */
export function cyclesWithoutWait(graph: TWorkflowGraph): string[][] {
  const ids = graph.nodes.filter((n) => n.type !== 'wait').map((n) => n.id);
  const inGraph = new Set(ids);
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) if (inGraph.has(e.source) && inGraph.has(e.target)) next.get(e.source)!.push(e.target);
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string) => {
    indexOf.set(v, index); low.set(v, index); index += 1;
    stack.push(v); onStack.add(v);
    for (const w of next.get(v)!) {
      if (!indexOf.has(w)) { connect(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) cycles.push(component.reverse());
    }
  };
  for (const id of ids) if (!indexOf.has(id)) connect(id);
  return cycles;
}
