import { useEffect, useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, applyNodeChanges, useReactFlow, type Connection, type Edge, type EdgeChange, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TWorkflowGraph } from '../workflows-api';
import { connect, outHandles, removeNodes } from './graph-model';
import { WorkflowNode, type NodeMark, type WorkflowNodeData } from './workflow-node';

const nodeTypes = { workflow: WorkflowNode };

export interface CanvasMarks {
  /** Node id → how it is marked and its step number. */
  nodes: Map<string, { mark: NodeMark; order: number }>;
  /** Edge ids taken by the run. */
  edges: Set<string>;
}

interface Props {
  graph: TWorkflowGraph;
  onChange?: (graph: TWorkflowGraph) => void;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  describe: (node: TWorkflowGraph['nodes'][number]) => { title: string; subtitle: string | null };
  issues?: Map<string, string[]>;
  /** Edges a publish problem names (`edges.<id>`): drawn red. */
  badEdges?: Set<string>;
  marks?: CanvasMarks | null;
  height?: number | string;
  testId?: string;
}

/** The workflow graph on a React Flow canvas. Without `onChange` it is view-only (run history, phones). */
export function WorkflowCanvas({ graph, onChange, selectedId = null, onSelect, describe, issues, badEdges, marks, height = 560, testId = 'workflow-canvas' }: Props) {
  const { t } = useTranslation();
  const editable = Boolean(onChange);
  const nodes = useMemo<Array<Node<WorkflowNodeData>>>(() => graph.nodes.map((node) => {
    const shown = describe(node);
    const mark = marks?.nodes.get(node.id);
    return {
      id: node.id,
      type: 'workflow',
      position: node.position,
      selected: node.id === selectedId,
      deletable: editable,
      data: { node, title: shown.title, subtitle: shown.subtitle, issues: issues?.get(node.id) ?? [], mark: mark?.mark ?? null, order: mark?.order ?? null },
    };
  }), [graph.nodes, describe, marks, issues, selectedId, editable]);
  const edges = useMemo<Edge[]>(() => graph.edges.map((e) => {
    const source = graph.nodes.find((n) => n.id === e.source);
    const handle = source ? outHandles(source).find((h) => (h.id ?? undefined) === (e.sourceHandle ?? undefined)) : undefined;
    const taken = marks?.edges.has(e.id);
    const bad = badEdges?.has(e.id);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle ?? null,
      label: e.sourceHandle ? (handle?.labelKey ? t(handle.labelKey) : handle?.label ?? e.sourceHandle) : undefined,
      markerEnd: { type: MarkerType.ArrowClosed },
      animated: taken,
      style: bad ? { stroke: 'var(--mantine-color-red-6)', strokeWidth: 2.5 } : taken ? { stroke: 'var(--mantine-color-blue-6)', strokeWidth: 2.5 } : undefined,
    };
  }), [graph.edges, graph.nodes, marks, badEdges, t]);

  const onNodesChange = (changes: Array<NodeChange<Node<WorkflowNodeData>>>) => {
    for (const change of changes) if (change.type === 'select' && change.selected) onSelect?.(change.id);
    if (!onChange) return;
    const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
    const moved = applyNodeChanges(changes.filter((c) => c.type === 'position'), nodes);
    const positions = new Map(moved.map((n) => [n.id, n.position]));
    if (changes.some((c) => c.type === 'position') || removed.size) {
      const next = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
      onChange(removed.size ? removeNodes(next, removed) : next);
      if (selectedId && removed.has(selectedId)) onSelect?.(null);
    }
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    if (!onChange) return;
    const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
    if (removed.size) onChange({ ...graph, edges: graph.edges.filter((e) => !removed.has(e.id)) });
  };
  const onConnect = (c: Connection) => {
    if (onChange && c.source && c.target) onChange(connect(graph, c.source, c.sourceHandle ?? undefined, c.target));
  };

  return (
    <Box h={height} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }} data-testid={testId}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={() => onSelect?.(null)}
        nodesDraggable={editable}
        nodesConnectable={editable}
        elementsSelectable
        deleteKeyCode={editable ? ['Backspace', 'Delete'] : null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <FitOnGrowth count={graph.nodes.length} />
        <Controls showInteractive={false} position="top-right" orientation="horizontal" />
      </ReactFlow>
    </Box>
  );
}

/** Keeps every step in view when one is added or removed (a new step goes below the others, often off screen). */
function FitOnGrowth({ count }: { count: number }) {
  const flow = useReactFlow();
  useEffect(() => {
    const timer = setTimeout(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), 50);
    return () => clearTimeout(timer);
  }, [count, flow]);
  return null;
}
