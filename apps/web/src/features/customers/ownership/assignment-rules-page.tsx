import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIST_OPERATORS } from '@voyage/contracts';
import { customFieldsApi, membersApi } from '../../../api/platform';
import type { CustomerObject } from '../record-config';
import { ownershipApi, type TAssignmentRule } from './ownership-api';

type Condition = TAssignmentRule['conditions'][number];
const FIELDS: Record<CustomerObject, string[]> = {
  account: ['region', 'industry', 'size', 'name', 'tags', 'lifecycleStage'],
  contact: ['title', 'name', 'email', 'tags', 'lifecycleStage'],
};

/** Admin screen: ordered owner assignment rules per object (round robin, or field match). */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [object, setObject] = useState<CustomerObject>('account');
  const key = ['assignment-rules', object];
  const rules = useQuery({ queryKey: key, queryFn: () => ownershipApi.rules(object) });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const customFields = useQuery({ queryKey: ['custom-fields', object], queryFn: () => customFieldsApi.list(object) });
  const fieldOptions = [...FIELDS[object], ...(customFields.data?.data ?? []).map((f) => `custom.${f.key}`)];
  const memberOptions = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const nameOf = new Map(memberOptions.map((m) => [m.value, m.label]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const fail = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const [draft, setDraft] = useState({ name: '', kind: 'round_robin' as TAssignmentRule['kind'], userIds: [] as string[], conditions: [] as Condition[] });
  const create = useMutation({
    mutationFn: () => ownershipApi.createRule({ object, ...draft, conditions: draft.kind === 'field_match' ? draft.conditions : [] }),
    onSuccess: () => { setDraft({ name: '', kind: 'round_robin', userIds: [], conditions: [] }); void refresh(); notifications.show({ color: 'green', message: t('ownership.saved') }); },
    onError: fail,
  });
  const toggle = useMutation({ mutationFn: (r: TAssignmentRule) => ownershipApi.updateRule(r.id, { version: r.version, active: !r.active }), onSuccess: refresh, onError: fail });
  const remove = useMutation({ mutationFn: (id: string) => ownershipApi.deleteRule(id), onSuccess: refresh, onError: fail });
  const reorder = useMutation({ mutationFn: (ids: string[]) => ownershipApi.reorderRules(object, ids), onSuccess: refresh, onError: fail });
  const list = rules.data?.data ?? [];
  const move = (i: number, by: number) => {
    const ids = list.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    reorder.mutate(ids);
  };
  const setCondition = (i: number, patch: Partial<Condition>) => setDraft({ ...draft, conditions: draft.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <Stack gap="md" maw={860} data-testid="assignment-rules">
      <Group justify="space-between">
        <Title order={3}>{t('ownership.rulesTitle')}</Title>
        <SegmentedControl value={object} onChange={(v) => setObject(v as CustomerObject)} data={[{ value: 'account', label: t('ownership.accounts') }, { value: 'contact', label: t('ownership.contacts') }]} />
      </Group>
      <Text size="sm" c="dimmed">{t('ownership.rulesHint')}</Text>
      {list.length === 0 && !rules.isPending && <Text c="dimmed">{t('ownership.noRules')}</Text>}
      {list.map((r, i) => (
        <Card key={r.id} withBorder padding="sm" data-testid="assignment-rule">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs"><Text fw={600}>{i + 1}. {r.name}</Text><Badge variant="light">{t(r.kind === 'round_robin' ? 'ownership.roundRobin' : 'ownership.fieldMatch')}</Badge></Group>
              {r.conditions.map((c, j) => <Text key={j} size="xs" c="dimmed">{c.field} {c.operator} {c.value}</Text>)}
              <Text size="xs">{t('ownership.users')}: {r.userIds.map((u) => nameOf.get(u) ?? u).join(', ')}</Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              <Switch size="xs" label={t('ownership.active')} checked={r.active} onChange={() => toggle.mutate(r)} />
              <ActionIcon variant="subtle" aria-label={t('ownership.moveUp')} disabled={i === 0} onClick={() => move(i, -1)}><IconArrowUp size={16} /></ActionIcon>
              <ActionIcon variant="subtle" aria-label={t('ownership.moveDown')} disabled={i === list.length - 1} onClick={() => move(i, 1)}><IconArrowDown size={16} /></ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={t('ownership.delete')} onClick={() => remove.mutate(r.id)}><IconTrash size={16} /></ActionIcon>
            </Group>
          </Group>
        </Card>
      ))}
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={5}>{t('ownership.addRule')}</Title>
          <Group grow align="flex-end">
            <TextInput label={t('ownership.ruleName')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} maxLength={100} />
            <Select label={t('ownership.ruleKind')} value={draft.kind} allowDeselect={false} onChange={(v) => setDraft({ ...draft, kind: (v ?? 'round_robin') as TAssignmentRule['kind'], conditions: v === 'field_match' && draft.conditions.length === 0 ? [{ field: FIELDS[object][0], operator: 'eq', value: '' }] : draft.conditions })}
              data={[{ value: 'round_robin', label: t('ownership.roundRobin') }, { value: 'field_match', label: t('ownership.fieldMatch') }]} />
          </Group>
          {draft.kind === 'field_match' && draft.conditions.map((c, i) => (
            <Group key={i} grow align="flex-end">
              <Select label={t('ownership.field')} searchable data={fieldOptions} value={c.field} onChange={(v) => v && setCondition(i, { field: v })} />
              <Select label={t('ownership.operator')} data={[...LIST_OPERATORS]} value={c.operator} onChange={(v) => v && setCondition(i, { operator: v as Condition['operator'] })} />
              <TextInput label={t('ownership.value')} value={c.value} onChange={(e) => setCondition(i, { value: e.currentTarget.value })} />
            </Group>
          ))}
          {draft.kind === 'field_match' && <Group><Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, { field: FIELDS[object][0], operator: 'eq', value: '' }] })}>{t('ownership.addCondition')}</Button></Group>}
          <MultiSelect label={t('ownership.users')} searchable data={memberOptions} value={draft.userIds} onChange={(v) => setDraft({ ...draft, userIds: v })} />
          <Group><Button disabled={!draft.name.trim() || draft.userIds.length === 0} loading={create.isPending} onClick={() => create.mutate()}>{t('ownership.addRule')}</Button></Group>
        </Stack>
      </Card>
    </Stack>
  );
}
