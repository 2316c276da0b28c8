import { useEffect, useMemo } from 'react';
import { Background, Controls, ReactFlow, useEdgesState, useNodesState, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Box, Center, Group, Loader, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { layoutGraph, type GraphNodeData } from './graph-layout';
import { AccountNode, ContactNode } from './graph-nodes';
import { NO_ROLE_COLOR, relationshipsApi, roleLabel } from './relationships-api';

const nodeTypes = { contact: ContactNode, account: AccountNode };

/**
 * The decision chain around an account, drawn with React Flow: drag nodes to arrange them,
 * zoom and fit with the controls, click a record to open it. Locked nodes are records
 * outside the user's data scope: only their role shows.
 */
export function RelationshipGraph({ accountId, focusId, height = 420, compact = false }: { accountId: string; focusId?: string; height?: number | string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const graph = useQuery({ queryKey: ['relationships', 'graph', accountId], queryFn: () => relationshipsApi.graph(accountId) });
  const roles = useQuery({ queryKey: ['contact-roles'], queryFn: relationshipsApi.roles, staleTime: 300_000 });
  const laid = useMemo(() => (graph.data ? layoutGraph(graph.data, roles.data?.data, focusId) : { nodes: [], edges: [] }), [graph.data, roles.data, focusId]);
  const [nodes, setNodes, onNodesChange] = useNodesState<Node<GraphNodeData>>(laid.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(laid.edges);
  useEffect(() => {
    setNodes(laid.nodes);
    setEdges(laid.edges);
  }, [laid, setNodes, setEdges]);

  // In a narrow side panel a whole-graph fit makes names unreadable: start readable, around
  // the contact whose page this is, and leave the full view to the fit button and full screen.
  const focusNode = laid.nodes.find((n) => n.data.focused);
  const fitOptions = compact ? { padding: 0.2, minZoom: 0.6, maxZoom: 0.8, nodes: focusNode ? [{ id: focusNode.id }] : undefined } : { padding: 0.15 };
  if (graph.isPending) return <Center h={120}><Loader size="sm" /></Center>;
  if (graph.isError) return <Text c="red" size="sm">{graph.error.message}</Text>;
  const usedRoles = [...new Set(graph.data.nodes.filter((n) => n.kind === 'contact').map((n) => n.role))];
  const hasLocked = graph.data.nodes.some((n) => n.locked);
  return (
    <Box>
      <Box h={height} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="relationship-graph">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          nodeTypes={nodeTypes}
          nodesConnectable={false}
          fitView
          fitViewOptions={fitOptions}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
          onNodeClick={(_, node) => {
            const d = node.data;
            if (d.locked || !d.recordId || d.focused || d.position === 'center') return;
            void navigate({ to: `/${d.kind === 'contact' ? 'contacts' : 'accounts'}/${d.recordId}` as never });
          }}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} position="top-right" orientation="horizontal" />
        </ReactFlow>
      </Box>
      <Group gap="sm" mt="xs" aria-label={t('relationships.legend')}>
        {usedRoles.map((key) => {
          const role = roles.data?.data.find((r) => r.key === key);
          return (
            <Group key={key ?? 'none'} gap={4}>
              <Box w={10} h={10} style={{ borderRadius: 2, background: role?.color ?? NO_ROLE_COLOR }} />
              <Text size="xs">{key ? roleLabel(roles.data?.data, key, i18n.language) : t('relationships.noRole')}</Text>
            </Group>
          );
        })}
        <Group gap={4}><Box w={18} style={{ borderTop: '2px solid #495057' }} /><Text size="xs">{t('relationships.edge.reportsTo')}</Text></Group>
        <Group gap={4}><Box w={18} style={{ borderTop: '2px dashed #adb5bd' }} /><Text size="xs">{t('relationships.edge.worksAt')}</Text></Group>
        {hasLocked && <Group gap={4}><IconLock size={12} /><Text size="xs">{t('relationships.lockedHint')}</Text></Group>}
      </Group>
    </Box>
  );
}
