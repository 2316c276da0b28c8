import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../api/platform';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { LEAD_RULE_FIELDS, LEAD_SIZES, LEAD_SOURCES, leadRulesApi, type TLeadAssignmentRule } from './leads-api';

type Field = (typeof LEAD_RULE_FIELDS)[number];
const KEY = ['lead-assignment-rules'];

/** Settings → Lead assignment: ordered rules (round robin over members, or a field match). */
export function LeadAssignmentRulesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const rules = useQuery({ queryKey: KEY, queryFn: leadRulesApi.list });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const memberOptions = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const nameOf = new Map(memberOptions.map((m) => [m.value, m.label]));
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const [draft, setDraft] = useState({ name: '', kind: 'round_robin' as TLeadAssignmentRule['kind'], field: 'region' as Field, value: '', userIds: [] as string[] });
  const create = useMutation({
    mutationFn: () => leadRulesApi.create({ name: draft.name.trim(), kind: draft.kind, userIds: draft.userIds, ...(draft.kind === 'field_match' ? { field: draft.field, value: draft.value } : {}) }),
    onSuccess: () => { setDraft({ name: '', kind: 'round_robin', field: 'region', value: '', userIds: [] }); void refresh(); notifySaved(); },
    onError: notifyError,
  });
  const update = useMutation({ mutationFn: ({ rule, change }: { rule: TLeadAssignmentRule; change: { active?: boolean; position?: number } }) => leadRulesApi.update(rule.id, { version: rule.version, ...change }), onSuccess: refresh, onError: notifyError });
  const remove = useMutation({ mutationFn: (id: string) => leadRulesApi.remove(id), onSuccess: refresh, onError: notifyError });
  const list = rules.data?.data ?? [];
  const swap = async (i: number, j: number) => {
    await update.mutateAsync({ rule: list[i], change: { position: list[j].position } });
    await update.mutateAsync({ rule: list[j], change: { position: list[i].position } });
  };
  const valueOptions = (field: Field) => (field === 'size' ? LEAD_SIZES.map((s) => ({ value: s, label: s })) : field === 'source' ? LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.sources.${s}`) })) : null);
  const options = valueOptions(draft.field);
  return (
    <Stack>
      <Title order={3}>{t('leads.rules.title')}</Title>
      <Text size="sm" c="dimmed">{t('leads.rules.help')}</Text>
      {list.length === 0 && rules.isSuccess && <Text c="dimmed">{t('leads.rules.empty')}</Text>}
      {list.map((rule, i) => (
        <Card key={rule.id} withBorder>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs"><Text fw={600}>{rule.name}</Text><Badge variant="light">{t(`leads.rules.${rule.kind}`)}</Badge></Group>
              {rule.kind === 'field_match' && rule.field && <Text size="sm">{t(`leads.rules.fields.${rule.field}`)} = {rule.field === 'source' && rule.value ? t(`leads.sources.${rule.value}`) : rule.value}</Text>}
              <Text size="sm" c="dimmed">{rule.userIds.map((u) => nameOf.get(u) ?? u).join(' → ')}</Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              <Switch checked={rule.active} label={t('leads.rules.active')} onChange={() => update.mutate({ rule, change: { active: !rule.active } })} />
              <ActionIcon variant="subtle" disabled={i === 0} onClick={() => void swap(i, i - 1)} aria-label="up"><IconArrowUp size={16} /></ActionIcon>
              <ActionIcon variant="subtle" disabled={i === list.length - 1} onClick={() => void swap(i, i + 1)} aria-label="down"><IconArrowDown size={16} /></ActionIcon>
              <ActionIcon variant="subtle" color="red" onClick={() => remove.mutate(rule.id)} aria-label={t('leads.rules.delete')}><IconTrash size={16} /></ActionIcon>
            </Group>
          </Group>
        </Card>
      ))}
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{t('leads.rules.add')}</Text>
          <Group grow align="flex-end">
            <TextInput label={t('leads.rules.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
            <SegmentedControl value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v as TLeadAssignmentRule['kind'] })} data={[{ value: 'round_robin', label: t('leads.rules.round_robin') }, { value: 'field_match', label: t('leads.rules.field_match') }]} />
          </Group>
          {draft.kind === 'field_match' && (
            <Group grow>
              <Select label={t('leads.rules.field')} allowDeselect={false} value={draft.field} onChange={(v) => setDraft({ ...draft, field: (v ?? 'region') as Field, value: '' })} data={LEAD_RULE_FIELDS.map((f) => ({ value: f, label: t(`leads.rules.fields.${f}`) }))} />
              {options
                ? <Select label={t('leads.rules.value')} value={draft.value || null} onChange={(v) => setDraft({ ...draft, value: v ?? '' })} data={options} />
                : <TextInput label={t('leads.rules.value')} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })} />}
            </Group>
          )}
          <MultiSelect label={t('leads.rules.members')} searchable data={memberOptions} value={draft.userIds} onChange={(v) => setDraft({ ...draft, userIds: v })} />
          <Group justify="flex-end">
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!draft.name.trim() || draft.userIds.length === 0 || (draft.kind === 'field_match' && !draft.value.trim())}>{t('leads.rules.add')}</Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
