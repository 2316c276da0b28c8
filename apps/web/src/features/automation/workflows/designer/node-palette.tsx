import { Button, Divider, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TWorkflowCatalog } from '../workflows-api';
import type { NodeType } from './graph-model';
import { NODE_COLORS, NODE_ICONS } from './workflow-node';

const CONTROL: NodeType[] = ['condition', 'branch', 'wait', 'end'];

/** Adds nodes: the trigger (one per workflow), control steps, and every action of the catalogue that fits the object. */
export function NodePalette({ catalog, object, hasTrigger, onAdd }: { catalog: TWorkflowCatalog; object: string | null; hasTrigger: boolean; onAdd: (type: NodeType, action?: string) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const term = filter.trim().toLowerCase();
  const actions = catalog.actions.filter((a) => (!a.objects || !object || a.objects.includes(object)) && (!term || a.label.toLowerCase().includes(term)));
  const item = (type: NodeType, label: string, key: string, action?: string) => {
    const ItemIcon = NODE_ICONS[type];
    return (
      <Button key={key} variant="default" size="xs" justify="flex-start" fullWidth leftSection={<ItemIcon size={14} color={`var(--mantine-color-${NODE_COLORS[type]}-7)`} />}
        onClick={() => onAdd(type, action)} data-testid={`wf-palette-${action ?? type}`} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }} h="auto" py={6}>
        {label}
      </Button>
    );
  };
  return (
    <Stack gap={6} data-testid="wf-palette">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">{t('workflows.palette.steps')}</Text>
      {!hasTrigger && item('trigger', t('workflows.nodes.trigger'), 'trigger')}
      {CONTROL.map((type) => item(type, t(`workflows.nodes.${type}`), type))}
      <Divider my={4} />
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">{t('workflows.palette.actions')}</Text>
      {catalog.actions.length > 8 && <TextInput size="xs" placeholder={t('workflows.palette.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />}
      <ScrollArea.Autosize mah={420}>
        <Stack gap={6}>
          {actions.map((a) => item('action', a.label, a.key, a.key))}
          {actions.length === 0 && <Text size="xs" c="dimmed">{t('workflows.palette.noActions')}</Text>}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
