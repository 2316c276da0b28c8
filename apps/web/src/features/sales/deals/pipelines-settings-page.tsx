import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, MultiSelect, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEAL_REQUIRABLE_FIELDS } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { CompetitorsSettings, DealReasonsSettings, StallSettingsCard } from './deal-extras-settings';
import { dealsApi, labelOf, pipelineSettingsApi, type StageChange, type TPipeline } from './deals-api';

type TStage = TPipeline['stages'][number];

/** Settings → Pipelines: each stage's name, probability, required fields and rotting days; add, order and delete stages. */
export function PipelinesSettingsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: dealsApi.pipelines });
  const [selected, setSelected] = useState<string | null>(null);
  const [newStage, setNewStage] = useState('');
  const pipeline = pipelines.data?.data.find((p) => p.id === selected) ?? pipelines.data?.data[0];
  const done = () => { void queryClient.invalidateQueries({ queryKey: ['pipelines'] }); void queryClient.invalidateQueries({ queryKey: ['deals-board'] }); };
  const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const run = useMutation({ mutationFn: (fn: () => Promise<TPipeline>) => fn(), onSuccess: () => { done(); notifications.show({ color: 'green', message: t('deals.settings.saved') }); }, onError });
  const fieldOptions = DEAL_REQUIRABLE_FIELDS.map((f) => ({ value: f, label: t(`deals.fields.${f}`) }));
  const move = (index: number, by: -1 | 1) => {
    if (!pipeline) return;
    const ids = pipeline.stages.map((s) => s.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    run.mutate(() => pipelineSettingsApi.reorder(pipeline.id, ids));
  };
  const save = (stage: TStage, change: Omit<StageChange, 'version'>) => pipeline && run.mutate(() => pipelineSettingsApi.updateStage(pipeline.id, stage, { version: stage.version, ...change }));
  return (
    <Stack>
      <PageHeader title={t('deals.settings.title')} description={t('deals.settings.description')} />
      <QueryState query={pipelines} />
      {pipeline && (
        <>
          <Select w={260} label={t('deals.pipeline')} data={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: labelOf(p, i18n.language) }))} value={pipeline.id} onChange={setSelected} allowDeselect={false} />
          <Table data-testid="stages-table">
            <Table.Thead>
              <Table.Tr><Table.Th /><Table.Th>{t('deals.settings.stageName')}</Table.Th><Table.Th>{t('deals.settings.kind')}</Table.Th><Table.Th>{t('deals.probability')}</Table.Th><Table.Th>{t('deals.settings.requiredFields')}</Table.Th><Table.Th>{t('deals.settings.rottingDays')}</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pipeline.stages.map((stage, i) => (
                <Table.Tr key={`${stage.id}:${stage.version}`}>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('deals.settings.up')} disabled={i === 0} onClick={() => move(i, -1)}><IconArrowUp size={14} /></ActionIcon>
                      <ActionIcon variant="subtle" aria-label={t('deals.settings.down')} disabled={i === pipeline.stages.length - 1} onClick={() => move(i, 1)}><IconArrowDown size={14} /></ActionIcon>
                    </Group>
                  </Table.Td>
                  <Table.Td><TextInput aria-label={t('deals.settings.stageName')} defaultValue={labelOf(stage, i18n.language)} onBlur={(e) => { const v = e.currentTarget.value.trim(); if (v && v !== labelOf(stage, i18n.language)) save(stage, { name: v }); }} /></Table.Td>
                  <Table.Td><Badge variant="light" color={stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'blue'}>{t(`deals.status.${stage.kind}`)}</Badge></Table.Td>
                  <Table.Td><NumberInput w={90} aria-label={t('deals.probability')} min={0} max={100} allowDecimal={false} suffix="%" defaultValue={stage.probability} onBlur={(e) => { const v = Number.parseInt(e.currentTarget.value, 10); if (Number.isInteger(v) && v !== stage.probability && v >= 0 && v <= 100) save(stage, { probability: v }); }} /></Table.Td>
                  <Table.Td><MultiSelect miw={220} aria-label={t('deals.settings.requiredFields')} data={fieldOptions} defaultValue={stage.requiredFields} onChange={(v) => save(stage, { requiredFields: v })} clearable /></Table.Td>
                  <Table.Td><NumberInput w={90} aria-label={t('deals.settings.rottingDays')} min={1} max={3650} allowDecimal={false} defaultValue={stage.rottingDays ?? ''} onBlur={(e) => { const raw = e.currentTarget.value; const v = raw === '' ? null : Number.parseInt(raw, 10); if (v !== stage.rottingDays && (v === null || (Number.isInteger(v) && v >= 1))) save(stage, { rottingDays: v }); }} /></Table.Td>
                  <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('deals.settings.delete')} onClick={() => run.mutate(() => pipelineSettingsApi.deleteStage(pipeline.id, stage.id))}><IconTrash size={14} /></ActionIcon></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <TextInput placeholder={t('deals.settings.stageName')} value={newStage} onChange={(e) => setNewStage(e.currentTarget.value)} />
            <Button leftSection={<IconPlus size={16} />} disabled={!newStage.trim()} onClick={() => { run.mutate(() => pipelineSettingsApi.addStage(pipeline.id, newStage.trim())); setNewStage(''); }}>{t('deals.settings.addStage')}</Button>
          </Group>
          <StallSettingsCard key={pipeline.id} pipelineId={pipeline.id} />
          <DealReasonsSettings />
          <CompetitorsSettings />
        </>
      )}
    </Stack>
  );
}
