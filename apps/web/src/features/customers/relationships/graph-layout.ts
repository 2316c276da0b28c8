import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { TAccountGraphResponse, TContactRole } from './relationships-api';
import { roleColor } from './relationships-api';

export type GraphNodeData = TAccountGraphResponse['nodes'][number] & { color: string; focused: boolean };

const COL = 210;
const ROW = 120;

/**
 * Places the decision chain: the account column on the left (parent above, subsidiaries
 * below), contacts on the right in rows by reporting depth, managers above their reports.
 */
export function layoutGraph(graph: TAccountGraphResponse, roles: TContactRole[] | undefined, focusId?: string): { nodes: Array<Node<GraphNodeData>>; edges: Edge[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const managerOf = new Map(graph.edges.filter((e) => e.kind === 'reports_to').map((e) => [e.source, e.target]));
  const depth = (id: string, seen = new Set<string>()): number => {
    const m = managerOf.get(id);
    if (!m || seen.has(m) || !byId.has(m)) return 0;
    seen.add(id);
    return depth(m, seen) + 1;
  };
  const rows = new Map<number, string[]>();
  for (const n of graph.nodes.filter((x) => x.kind === 'contact')) {
    const d = depth(n.id);
    rows.set(d, [...(rows.get(d) ?? []), n.id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  const center = graph.nodes.find((n) => n.position === 'center');
  const parent = graph.nodes.find((n) => n.position === 'parent');
  if (parent) positions.set(parent.id, { x: 0, y: 0 });
  if (center) positions.set(center.id, { x: 0, y: parent ? ROW * 1.4 : 0 });
  const subsTop = (parent ? ROW * 1.4 : 0) + ROW * 1.4;
  graph.nodes.filter((n) => n.position === 'subsidiary').forEach((n, i) => positions.set(n.id, { x: (i % 2) * (COL * 0.55) - COL * 0.25, y: subsTop + i * ROW * 0.8 }));
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  for (const [d, ids] of rows) {
    // Each row centred over the widest one, so the tree reads top-down.
    const offset = ((widest - ids.length) * COL) / 2;
    ids.forEach((id, i) => positions.set(id, { x: COL * 1.5 + offset + i * COL, y: d * ROW }));
  }
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: positions.get(n.id) ?? { x: 0, y: 0 },
    data: { ...n, color: n.kind === 'contact' ? roleColor(roles, n.role) : '#364fc7', focused: Boolean(focusId && n.recordId === focusId) },
  }));
  const edges: Edge[] = graph.edges
    // Only the top of each reporting chain is wired to the account; the rest hang off their managers.
    .filter((e) => e.kind !== 'works_at' || !managerOf.has(e.source))
    .map((e) => ({
      id: e.id,
      // Drawn downwards: manager → report, account → its top contacts.
      source: e.kind === 'parent_of' ? e.source : e.target,
      target: e.kind === 'parent_of' ? e.target : e.source,
      sourceHandle: e.kind === 'works_at' ? 'right' : undefined,
      type: e.kind === 'parent_of' ? 'smoothstep' : 'default',
      animated: false,
      style: e.kind === 'works_at' ? { strokeDasharray: '5 4', stroke: '#adb5bd' } : e.kind === 'parent_of' ? { stroke: '#364fc7', strokeWidth: 2 } : { stroke: '#495057', strokeWidth: 1.5 },
      markerEnd: e.kind === 'works_at' ? undefined : { type: MarkerType.ArrowClosed },
      data: { kind: e.kind },
    }));
  return { nodes, edges };
}
