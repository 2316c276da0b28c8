import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { Badge, Group, Text } from '@mantine/core';
import { IconBuilding, IconLock, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { GraphNodeData } from './graph-layout';
import { relationshipsApi, roleLabel } from './relationships-api';

const box = (color: string, focused: boolean, locked: boolean): React.CSSProperties => ({
  width: 180,
  padding: '6px 10px',
  borderRadius: 8,
  background: locked ? 'var(--mantine-color-gray-1)' : 'var(--mantine-color-body)',
  border: `1px solid ${focused ? color : 'var(--mantine-color-gray-4)'}`,
  borderLeft: `5px solid ${color}`,
  boxShadow: focused ? `0 0 0 3px ${color}55` : '0 1px 3px rgba(0,0,0,0.12)',
  cursor: locked ? 'default' : 'pointer',
});

const handles = (
  <>
    <Handle type="target" position={Position.Top} style={{ opacity: 0 }} />
    <Handle type="source" position={Position.Bottom} style={{ opacity: 0 }} />
  </>
);

export function ContactNode({ data }: NodeProps<Node<GraphNodeData>>) {
  const { t, i18n } = useTranslation();
  const roles = useQuery({ queryKey: ['contact-roles'], queryFn: relationshipsApi.roles, staleTime: 300_000 });
  const role = roleLabel(roles.data?.data, data.role, i18n.language);
  return (
    <div style={box(data.color, data.focused, data.locked)} data-testid="graph-contact">
      {handles}
      <Group gap={4} wrap="nowrap">
        {data.locked && <IconLock size={14} aria-hidden />}
        <Text size="sm" fw={600} truncate>{data.locked ? t('relationships.locked') : data.name ?? '—'}</Text>
        {data.isPrimary && !data.locked && <IconStarFilled size={11} color="#f59f00" aria-label={t('relationships.primary')} />}
      </Group>
      {data.title && <Text size="xs" c="dimmed" truncate>{data.title}</Text>}
      <Group gap={4} mt={2}>
        {role && <Badge size="xs" variant="light" color={data.color} styles={{ root: { textTransform: 'none' } }}>{role}</Badge>}
        {data.influence && <Badge size="xs" variant="outline" color="gray" styles={{ root: { textTransform: 'none' } }}>{t(`relationships.influence.${data.influence}`)}</Badge>}
      </Group>
    </div>
  );
}

export function AccountNode({ data }: NodeProps<Node<GraphNodeData>>) {
  const { t } = useTranslation();
  const center = data.position === 'center';
  return (
    <div style={{ ...box(data.color, center, data.locked), background: center ? 'var(--mantine-color-indigo-0)' : box(data.color, false, data.locked).background }} data-testid="graph-account">
      {handles}
      <Handle type="source" id="right" position={Position.Right} style={{ opacity: 0 }} />
      <Handle type="target" id="left" position={Position.Left} style={{ opacity: 0 }} />
      <Group gap={6} wrap="nowrap">
        {data.locked ? <IconLock size={14} aria-hidden /> : <IconBuilding size={14} aria-hidden />}
        <Text size="sm" fw={center ? 700 : 600} truncate>{data.locked ? t('relationships.locked') : data.name}</Text>
      </Group>
      <Text size="xs" c="dimmed">{t(`relationships.position.${data.position}`)}</Text>
    </div>
  );
}
