import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Badge, Group, Text } from '@mantine/core';
import { IconBolt, IconClock, IconGitBranch, IconHandStop, IconHelpHexagon, IconPlayerPlay, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TWorkflowNode } from '../workflows-api';
import { hasTarget, outHandles, type NodeType } from './graph-model';

/** How a node is marked: on the path of a run or test run, where a run failed or waits. */
export type NodeMark = 'path' | 'failed' | 'waiting' | null;

export interface WorkflowNodeData extends Record<string, unknown> {
  node: TWorkflowNode;
  title: string;
  subtitle: string | null;
  issues: string[];
  mark: NodeMark;
  /** Step number on a run's or test run's path. */
  order: number | null;
}

export const NODE_ICONS: Record<NodeType, Icon> = { trigger: IconPlayerPlay, condition: IconHelpHexagon, branch: IconGitBranch, action: IconBolt, wait: IconClock, end: IconHandStop };
export const NODE_COLORS: Record<NodeType, string> = { trigger: 'teal', condition: 'yellow', branch: 'orange', action: 'blue', wait: 'grape', end: 'gray' };
const MARK_COLORS: Record<Exclude<NodeMark, null>, string> = { path: 'var(--mantine-color-blue-5)', failed: 'var(--mantine-color-red-6)', waiting: 'var(--mantine-color-grape-5)' };

export const NODE_WIDTH = 220;

/** A node of the workflow canvas: icon, title, what it does, its publish problems, and one handle per way out. */
export function WorkflowNode({ data, selected }: NodeProps<Node<WorkflowNodeData>>) {
  const { t } = useTranslation();
  const { node, issues, mark } = data;
  const NodeIcon = NODE_ICONS[node.type];
  const color = NODE_COLORS[node.type];
  const handles = outHandles(node);
  const invalid = issues.length > 0;
  const border = invalid ? '2px solid var(--mantine-color-red-6)' : `1px solid ${selected ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-default-border)'}`;
  const glow = mark ? `0 0 0 4px ${MARK_COLORS[mark]}` : selected ? '0 0 0 2px var(--mantine-color-blue-2)' : '0 1px 3px rgba(0,0,0,0.12)';
  return (
    <div
      data-testid={`wf-node-${node.id}`}
      data-node-type={node.type}
      data-invalid={invalid ? 'true' : undefined}
      data-mark={mark ?? undefined}
      style={{ width: NODE_WIDTH, padding: '8px 10px 14px', borderRadius: 8, background: 'var(--mantine-color-body)', border, borderLeft: `5px solid var(--mantine-color-${color}-6)`, boxShadow: glow }}
    >
      {hasTarget(node) && <Handle type="target" position={Position.Top} />}
      <Group gap={6} wrap="nowrap">
        <NodeIcon size={16} color={`var(--mantine-color-${color}-7)`} aria-hidden />
        <Text size="sm" fw={600} truncate style={{ flex: 1 }}>{data.title}</Text>
        {data.order !== null && <Badge size="xs" circle variant="filled" color={mark === 'failed' ? 'red' : 'blue'}>{data.order}</Badge>}
      </Group>
      {data.subtitle && <Text size="xs" c="dimmed" lineClamp={2}>{data.subtitle}</Text>}
      {issues.map((message, i) => <Text key={i} size="xs" c="red" data-testid="wf-node-issue">{message}</Text>)}
      {handles.length === 1 && handles[0].id === undefined && <Handle type="source" position={Position.Bottom} />}
      {(handles.length > 1 || (handles.length === 1 && handles[0].id !== undefined)) && (
        <Group gap={4} justify="space-around" wrap="nowrap" mt={6} style={{ position: 'relative' }}>
          {handles.map((h) => (
            <div key={h.id} style={{ position: 'relative', flex: 1, textAlign: 'center' }}>
              <Text size="10px" c="dimmed" truncate>{h.labelKey ? t(h.labelKey) : h.label}</Text>
              <Handle type="source" id={h.id} position={Position.Bottom} style={{ bottom: -14 }} data-testid={`wf-handle-${node.id}-${h.id}`} />
            </div>
          ))}
        </Group>
      )}
    </div>
  );
}
