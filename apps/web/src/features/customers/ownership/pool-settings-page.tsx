import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Switch, Table, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { rolesApi } from '../../../api/platform';
import { ownershipApi, type TOwnershipSettingsResponse } from './ownership-api';

type Settings = Omit<TOwnershipSettingsResponse, 'noDealRuleAvailable'>;

/** Settings of the public pool: claim limits, cooldown, warning, and days per customer level. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['ownership-settings'], queryFn: ownershipApi.settings });
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => rolesApi.list() });
  const [form, setForm] = useState<Settings | null>(null);
  useEffect(() => {
    if (current.data) {
      const { noDealRuleAvailable: _n, ...rest } = current.data;
      setForm(rest);
    }
  }, [current.data]);
  const save = useMutation({
    mutationFn: (body: Settings) => ownershipApi.saveSettings(body),
    onSuccess: (data) => { queryClient.setQueryData(['ownership-settings'], data); notifications.show({ color: 'green', message: t('ownership.saved') }); },
    onError: (error: Error) => notifications.show({ color: 'red', message: error.message }),
  });
  if (!form) return null;
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setForm({ ...form, [k]: v });
  const num = (v: string | number) => (typeof v === 'number' ? v : 0);
  const setLevel = (i: number, patch: Partial<Settings['levels'][number]>) => set('levels', form.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Stack gap="md" maw={760} data-testid="pool-settings">
      <Title order={3}>{t('ownership.poolSettingsTitle')}</Title>
      <NumberInput label={t('ownership.claimDailyLimit')} min={0} value={form.claimDailyLimit} onChange={(v) => set('claimDailyLimit', num(v))} />
      <NumberInput label={t('ownership.cooldownDays')} min={0} value={form.cooldownDays} onChange={(v) => set('cooldownDays', num(v))} />
      <NumberInput label={t('ownership.warnDaysBefore')} min={0} value={form.warnDaysBefore} onChange={(v) => set('warnDaysBefore', num(v))} />
      <Switch label={t('ownership.reclaimEnabled')} checked={form.reclaimEnabled} onChange={(e) => set('reclaimEnabled', e.currentTarget.checked)} />
      <Switch label={t('ownership.noDealRule')} disabled={!current.data?.noDealRuleAvailable} description={current.data?.noDealRuleAvailable ? undefined : t('ownership.noDealUnavailable')} checked={form.noDealRuleEnabled} onChange={(e) => set('noDealRuleEnabled', e.currentTarget.checked)} />
      <Select label={t('ownership.defaultLevel')} data={form.levels.map((l) => l.key)} value={form.defaultLevel} onChange={(v) => v && set('defaultLevel', v)} />
      <TagsInput label={t('ownership.exemptTags')} value={form.exemptTags} onChange={(v) => set('exemptTags', v)} />
      <MultiSelect label={t('ownership.visibleRoles')} data={(roles.data?.data ?? []).map((r: { id: string; name: string }) => ({ value: r.id, label: r.name }))} value={form.poolVisibleRoleIds ?? []} onChange={(v) => set('poolVisibleRoleIds', v.length ? v : null)} />
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('ownership.level')}</Table.Th><Table.Th>{t('ownership.noFollowUpDays')}</Table.Th><Table.Th>{t('ownership.noDealDays')}</Table.Th><Table.Th>{t('ownership.maxOwned')}</Table.Th><Table.Th>{t('ownership.levelExempt')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {form.levels.map((l, i) => (
              <Table.Tr key={l.key}>
                <Table.Td><Text fw={500}>{l.key}</Text></Table.Td>
                <Table.Td><NumberInput size="xs" min={0} value={l.noFollowUpDays} onChange={(v) => setLevel(i, { noFollowUpDays: num(v) })} /></Table.Td>
                <Table.Td><NumberInput size="xs" min={0} value={l.noDealDays} disabled={!current.data?.noDealRuleAvailable} onChange={(v) => setLevel(i, { noDealDays: num(v) })} /></Table.Td>
                <Table.Td><NumberInput size="xs" min={0} value={l.maxOwned} onChange={(v) => setLevel(i, { maxOwned: num(v) })} /></Table.Td>
                <Table.Td><Checkbox checked={l.exempt} onChange={(e) => setLevel(i, { exempt: e.currentTarget.checked })} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group><Button loading={save.isPending} onClick={() => save.mutate(form)}>{t('ownership.save')}</Button></Group>
    </Stack>
  );
}
