import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Card, Group, NumberInput, SegmentedControl, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reasonLabel } from '@voyage/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { dealExtrasSettingsApi, dealsApi, type TCompetitor } from './deals-api';

const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });

/**
 * What "stalled" means in one pipeline: alerts on/off and the days without activity. The alert
 * and the escalation run as the workflow "Stalled deal", linked when the reader may open it.
 */
export function StallSettingsCard({ pipelineId }: { pipelineId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['stall-settings', pipelineId], queryFn: () => dealsApi.stallSettings(pipelineId) });
  const templates = useQuery({ queryKey: ['workflow-templates'], queryFn: () => dealExtrasSettingsApi.workflowTemplates(), retry: false, staleTime: 60_000 });
  const save = useMutation({
    mutationFn: (change: { enabled?: boolean; stallDays?: number }) => dealExtrasSettingsApi.putStall(pipelineId, { version: settings.data!.version, ...change }),
    onSuccess: (next) => { queryClient.setQueryData(['stall-settings', pipelineId], next); notifications.show({ color: 'green', message: t('deals.settings.saved') }); },
    onError: (error: Error) => { onError(error); void settings.refetch(); },
  });
  const s = settings.data;
  if (!s) return null;
  const onDays = (e: React.FocusEvent<HTMLInputElement>) => {
    const v = Number.parseInt(e.currentTarget.value, 10);
    if (Number.isInteger(v) && v >= 1 && v <= 365 && v !== s.stallDays) save.mutate({ stallDays: v });
  };
  const installed = templates.data?.data.find((tpl) => tpl.key === 'stalled_deal');
  return (
    <Card withBorder data-testid="stall-settings">
      <Text fw={600}>{t('deals.settings.stallTitle')}</Text>
      <Text size="xs" c="dimmed" mb="xs">{t('deals.settings.stallHelp')}</Text>
      <Group key={s.version} align="end">
        <Switch label={t('deals.settings.stallEnabled')} checked={s.enabled} onChange={(e) => save.mutate({ enabled: e.currentTarget.checked })} mb={8} />
        <NumberInput w={160} label={t('deals.settings.stallDays')} min={1} max={365} allowDecimal={false} defaultValue={s.stallDays} onBlur={onDays} />
      </Group>
      <Text size="sm" mt="sm" data-testid="stall-workflow">
        {t('deals.settings.stallWorkflow')}{' '}
        {installed?.workflowId
          ? <Anchor component={Link} to={`/automation/workflows/${installed.workflowId}`}>{t('deals.settings.stallWorkflowOpen')}</Anchor>
          : templates.data ? t('deals.settings.stallWorkflowMissing') : null}
      </Text>
    </Card>
  );
}

/** The won and lost reason lists: add (one label, or one per language), switch off, delete unused. */
export function DealReasonsSettings() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'won' | 'lost'>('lost');
  const [label, setLabel] = useState('');
  const reasons = useQuery({ queryKey: ['deal-reasons', 'settings'], queryFn: () => dealsApi.reasons(undefined, true) });
  const done = () => { void queryClient.invalidateQueries({ queryKey: ['deal-reasons'] }); };
  const add = useMutation({ mutationFn: () => dealExtrasSettingsApi.createReason({ kind, labels: { custom: label.trim() } }), onSuccess: () => { setLabel(''); done(); }, onError });
  const toggle = useMutation({ mutationFn: (v: { id: string; active: boolean }) => dealExtrasSettingsApi.updateReason(v.id, { active: v.active }), onSuccess: done, onError });
  const remove = useMutation({ mutationFn: (id: string) => dealExtrasSettingsApi.deleteReason(id), onSuccess: done, onError });
  const list = (reasons.data?.data ?? []).filter((r) => r.kind === kind);
  return (
    <Card withBorder data-testid="deal-reasons-settings">
      <Text fw={600}>{t('deals.settings.reasonsTitle')}</Text>
      <Text size="xs" c="dimmed" mb="xs">{t('deals.settings.reasonsHelp')}</Text>
      <SegmentedControl mb="xs" value={kind} onChange={(v) => setKind(v as 'won' | 'lost')} data={[{ value: 'lost', label: t('deals.status.lost') }, { value: 'won', label: t('deals.status.won') }]} />
      <Stack gap={4}>
        {list.length === 0 && <Text size="sm" c="dimmed">{t('deals.settings.noReasons')}</Text>}
        {list.map((r) => (
          <Group key={r.id} justify="space-between" wrap="nowrap">
            <Text size="sm" c={r.active ? undefined : 'dimmed'}>{reasonLabel(r.labels, i18n.language)}</Text>
            <Group gap={4} wrap="nowrap">
              <Switch size="xs" aria-label={t('deals.settings.active')} checked={r.active} onChange={(e) => toggle.mutate({ id: r.id, active: e.currentTarget.checked })} />
              <ActionIcon variant="subtle" color="red" aria-label={t('deals.settings.delete')} onClick={() => remove.mutate(r.id)}><IconTrash size={14} /></ActionIcon>
            </Group>
          </Group>
        ))}
      </Stack>
      <Group mt="sm">
        <TextInput placeholder={t('deals.settings.reasonLabel')} aria-label={t('deals.settings.reasonLabel')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button leftSection={<IconPlus size={16} />} disabled={!label.trim()} loading={add.isPending} onClick={() => add.mutate()}>{t('deals.settings.addReason')}</Button>
      </Group>
    </Card>
  );
}

/** Competitors (M8 basic): name, website, strengths and weaknesses. */
export function CompetitorsSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['competitors'], queryFn: () => dealsApi.competitors() });
  const [draft, setDraft] = useState({ name: '', website: '', strengths: '', weaknesses: '' });
  const done = () => { void queryClient.invalidateQueries({ queryKey: ['competitors'] }); };
  const add = useMutation({
    mutationFn: () => dealExtrasSettingsApi.createCompetitor({ name: draft.name.trim(), website: draft.website.trim() || null, strengths: draft.strengths.trim() || null, weaknesses: draft.weaknesses.trim() || null }),
    onSuccess: () => { setDraft({ name: '', website: '', strengths: '', weaknesses: '' }); done(); }, onError,
  });
  const update = useMutation({ mutationFn: (v: { c: TCompetitor; change: Partial<Pick<TCompetitor, 'name' | 'website' | 'strengths' | 'weaknesses'>> }) => dealExtrasSettingsApi.updateCompetitor(v.c.id, { version: v.c.version, ...v.change }), onSuccess: done, onError });
  const remove = useMutation({ mutationFn: (id: string) => dealExtrasSettingsApi.deleteCompetitor(id), onSuccess: done, onError });
  const blur = (c: TCompetitor, key: 'name' | 'website' | 'strengths' | 'weaknesses') => (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const v = e.currentTarget.value.trim();
    if (v !== (c[key] ?? '') && (key !== 'name' || v)) update.mutate({ c, change: { [key]: v || null } });
  };
  return (
    <Card withBorder data-testid="competitors-settings">
      <Text fw={600} mb="xs">{t('deals.competitors')}</Text>
      <Table>
        <Table.Thead><Table.Tr><Table.Th>{t('deals.name')}</Table.Th><Table.Th>{t('deals.settings.website')}</Table.Th><Table.Th>{t('deals.settings.strengths')}</Table.Th><Table.Th>{t('deals.settings.weaknesses')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.data ?? []).map((c) => (
            <Table.Tr key={`${c.id}:${c.version}`}>
              <Table.Td><TextInput aria-label={t('deals.name')} defaultValue={c.name} onBlur={blur(c, 'name')} /></Table.Td>
              <Table.Td><TextInput aria-label={t('deals.settings.website')} defaultValue={c.website ?? ''} onBlur={blur(c, 'website')} /></Table.Td>
              <Table.Td><Textarea aria-label={t('deals.settings.strengths')} autosize defaultValue={c.strengths ?? ''} onBlur={blur(c, 'strengths')} /></Table.Td>
              <Table.Td><Textarea aria-label={t('deals.settings.weaknesses')} autosize defaultValue={c.weaknesses ?? ''} onBlur={blur(c, 'weaknesses')} /></Table.Td>
              <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('deals.settings.delete')} onClick={() => remove.mutate(c.id)}><IconTrash size={14} /></ActionIcon></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(list.data?.data ?? []).length === 0 && <Badge variant="light" color="gray" mt="xs">{t('deals.noCompetitorsYet')}</Badge>}
      <Group mt="sm" align="end">
        <TextInput label={t('deals.name')} value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.currentTarget.value }))} />
        <TextInput label={t('deals.settings.website')} value={draft.website} onChange={(e) => setDraft((d) => ({ ...d, website: e.currentTarget.value }))} />
        <TextInput label={t('deals.settings.strengths')} value={draft.strengths} onChange={(e) => setDraft((d) => ({ ...d, strengths: e.currentTarget.value }))} />
        <TextInput label={t('deals.settings.weaknesses')} value={draft.weaknesses} onChange={(e) => setDraft((d) => ({ ...d, weaknesses: e.currentTarget.value }))} />
        <Button leftSection={<IconPlus size={16} />} disabled={!draft.name.trim()} loading={add.isPending} onClick={() => add.mutate()}>{t('deals.settings.addCompetitor')}</Button>
      </Group>
    </Card>
  );
}
