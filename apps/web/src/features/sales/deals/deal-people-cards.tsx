import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Card, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ContactPicker } from './contact-picker';
import { dealDetailApi, dealsApi } from './deals-api';

const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });

/** Stakeholders of a deal: contacts with their role; add one found by search, remove one. */
export function StakeholdersCard({ dealId, canEdit }: { dealId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = useQuery({ queryKey: ['deal', dealId, 'contacts'], queryFn: () => dealDetailApi.stakeholders(dealId) });
  // Names of the stakeholders the reader may see; others stay a plain link.
  const names = useQueries({ queries: (people.data?.data ?? []).map((p) => ({ queryKey: ['contacts', 'name', p.contactId], queryFn: () => dealDetailApi.contact(p.contactId), retry: false, staleTime: 60_000 })) });
  const [contactId, setContactId] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const [primary, setPrimary] = useState(false);
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['deal', dealId] }); };
  const add = useMutation({
    mutationFn: () => dealDetailApi.putStakeholder(dealId, contactId!, { role: role.trim() || null, ...(primary ? { isPrimary: true } : {}) }),
    onSuccess: () => { setContactId(null); setRole(''); setPrimary(false); refresh(); }, onError,
  });
  const remove = useMutation({ mutationFn: (id: string) => dealDetailApi.removeStakeholder(dealId, id), onSuccess: refresh, onError });
  const list = people.data?.data ?? [];
  return (
    <Card withBorder data-testid="deal-stakeholders">
      <Text fw={600} mb="xs">{t('deals.stakeholders')}</Text>
      {list.length === 0 && <Text size="sm" c="dimmed">{t('deals.noStakeholders')}</Text>}
      {list.map((p, i) => (
        <Group key={p.contactId} justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={`/contacts/${p.contactId}`} size="sm">{names[i]?.data?.name ?? t('deals.unknownContact')}</Anchor>
          <Group gap={4} wrap="nowrap">
            {p.role && <Badge variant="light">{p.role}</Badge>}
            {p.isPrimary && <Badge>{t('deals.primary')}</Badge>}
            {canEdit && <ActionIcon variant="subtle" color="red" aria-label={t('deals.remove')} onClick={() => remove.mutate(p.contactId)}><IconTrash size={14} /></ActionIcon>}
          </Group>
        </Group>
      ))}
      {canEdit && (
        <Stack gap={6} mt="sm">
          <ContactPicker label={t('deals.addStakeholder')} value={contactId} onChange={setContactId} exclude={list.map((p) => p.contactId)} />
          <Group gap="xs" align="end">
            <TextInput label={t('deals.role')} placeholder={t('deals.rolePlaceholder')} value={role} onChange={(e) => setRole(e.currentTarget.value)} style={{ flex: 1 }} />
            <Checkbox label={t('deals.primary')} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} mb={8} />
            <Button disabled={!contactId} loading={add.isPending} onClick={() => add.mutate()}>{t('deals.add')}</Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** Competitors on a deal with their status (active, won against, lost to); add or remove one. */
export function DealCompetitorsCard({ dealId, canEdit }: { dealId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const onDeal = useQuery({ queryKey: ['deal', dealId, 'competitors'], queryFn: () => dealDetailApi.competitors(dealId) });
  const all = useQuery({ queryKey: ['competitors'], queryFn: () => dealsApi.competitors(), enabled: canEdit });
  const [pick, setPick] = useState<string | null>(null);
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['deal', dealId] }); };
  const add = useMutation({ mutationFn: (id: string) => dealDetailApi.putCompetitor(dealId, id, {}), onSuccess: () => { setPick(null); refresh(); }, onError });
  const remove = useMutation({ mutationFn: (id: string) => dealDetailApi.removeCompetitor(dealId, id), onSuccess: refresh, onError });
  const list = onDeal.data?.data ?? [];
  const options = (all.data?.data ?? []).filter((c) => !list.some((x) => x.competitorId === c.id)).map((c) => ({ value: c.id, label: c.name }));
  const color = { active: 'blue', won_against: 'green', lost_to: 'red' } as const;
  return (
    <Card withBorder data-testid="deal-competitors">
      <Text fw={600} mb="xs">{t('deals.competitors')}</Text>
      {list.length === 0 && <Text size="sm" c="dimmed">{t('deals.noCompetitors')}</Text>}
      {list.map((c) => (
        <Group key={c.competitorId} justify="space-between" wrap="nowrap">
          <Text size="sm">{c.website ? <Anchor href={c.website} target="_blank" rel="noreferrer">{c.name}</Anchor> : c.name}</Text>
          <Group gap={4} wrap="nowrap">
            <Badge variant="light" color={color[c.status]}>{t(`deals.competitorStatus.${c.status}`)}</Badge>
            {canEdit && <ActionIcon variant="subtle" color="red" aria-label={t('deals.remove')} onClick={() => remove.mutate(c.competitorId)}><IconTrash size={14} /></ActionIcon>}
          </Group>
        </Group>
      ))}
      {canEdit && (
        <Group gap="xs" align="end" mt="sm">
          <Select label={t('deals.addCompetitor')} data={options} value={pick} onChange={setPick} searchable style={{ flex: 1 }} nothingFoundMessage={t('deals.noCompetitorsYet')} />
          <Button disabled={!pick} loading={add.isPending} onClick={() => pick && add.mutate(pick)}>{t('deals.add')}</Button>
        </Group>
      )}
    </Card>
  );
}
