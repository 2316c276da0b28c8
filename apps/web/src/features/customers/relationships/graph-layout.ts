import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { TAccountGraphResponse, TContactRole } from './relationships-api';
import { roleColor } from './relationships-api';

export type GraphNodeData = TAccountGraphResponse['nodes'][number] & { color: string; focused: boolean };

const COL = 210;
const ROW = 120;

/**
 * Places the decision chain top-down, which also fits a phone: the parent company, then the
 * account with its subsidiaries to its right, then the contacts as a tree by reporting line
 * (each manager centred over its reports), roots hanging off the account.
 */
export function layoutGraph(graph: TAccountGraphResponse, roles: TContactRole[] | undefined, focusId?: string): { nodes: Array<Node<GraphNodeData>>; edges: Edge[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const managerOf = new Map(graph.edges.filter((e) => e.kind === 'reports_to' && byId.has(e.target)).map((e) => [e.source, e.target]));
  const contactsIds = graph.nodes.filter((n) => n.kind === 'contact').map((n) => n.id);
  const reports = new Map<string, string[]>();
  for (const id of contactsIds) {
    const m = managerOf.get(id);
    if (m) reports.set(m, [...(reports.get(m) ?? []), id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  const top = ROW * 2;
  let slot = 0;
  const seen = new Set<string>();
  // Leaves take the next free column; a manager sits over the middle of its reports.
  const place = (id: string, level: number): number => {
    seen.add(id);
    const kids = (reports.get(id) ?? []).filter((k) => !seen.has(k));
    const xs = kids.map((k) => place(k, level + 1));
    const x = xs.length ? (xs[0] + xs[xs.length - 1]) / 2 : slot++ * COL;
    positions.set(id, { x, y: top + level * ROW });
    return x;
  };
  // Contacts in a reporting loop (bad data) have no root; they start their own tree.
  for (const id of [...contactsIds.filter((c) => !managerOf.has(c)), ...contactsIds]) if (!seen.has(id)) place(id, 0);
  const treeCentre = slot > 0 ? ((slot - 1) * COL) / 2 : 0;
  const center = graph.nodes.find((n) => n.position === 'center');
  const parent = graph.nodes.find((n) => n.position === 'parent');
  if (parent) positions.set(parent.id, { x: treeCentre, y: 0 });
  if (center) positions.set(center.id, { x: treeCentre, y: ROW });
  graph.nodes.filter((n) => n.position === 'subsidiary').forEach((n, i) => positions.set(n.id, { x: treeCentre + COL * (i + 1.15), y: ROW }));
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: positions.get(n.id) ?? { x: 0, y: 0 },
    data: { ...n, color: n.kind === 'contact' ? roleColor(roles, n.role) : '#364fc7', focused: Boolean(focusId && n.recordId === focusId) },
  }));
  const isSubsidiary = (e: TAccountGraphResponse['edges'][number]) => e.kind === 'parent_of' && byId.get(e.target)?.position === 'subsidiary';
  const edges: Edge[] = graph.edges
    // Only the top of each reporting chain is wired to the account; the rest hang off their managers.
    .filter((e) => e.kind !== 'works_at' || !managerOf.has(e.source))
    .map((e) => ({
      id: e.id,
      // Drawn downwards: manager → report, account → its top contacts; subsidiaries to the side.
      source: e.kind === 'parent_of' ? e.source : e.target,
      target: e.kind === 'parent_of' ? e.target : e.source,
      sourceHandle: isSubsidiary(e) ? 'right' : undefined,
      targetHandle: isSubsidiary(e) ? 'left' : undefined,
      type: e.kind === 'parent_of' ? 'smoothstep' : 'default',
      animated: false,
      style: e.kind === 'works_at' ? { strokeDasharray: '5 4', stroke: '#adb5bd' } : e.kind === 'parent_of' ? { stroke: '#364fc7', strokeWidth: 2 } : { stroke: '#495057', strokeWidth: 1.5 },
      markerEnd: e.kind === 'works_at' ? undefined : { type: MarkerType.ArrowClosed },
      data: { kind: e.kind },
    }));
  return { nodes, edges };
}
