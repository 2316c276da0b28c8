import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconGitMerge } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { customFieldsApi, membersApi } from '../../../api/platform';
import { QueryState } from '../../../components/query-state';
import { localized } from '../../../i18n';
import { formatDateTime } from '../../../i18n/format';
import { formatCustomValue } from '../custom-field-input';
import { accountsApi } from '../../../api/customers';
import { ACCOUNT_CONFIG, CONTACT_CONFIG, type CustomerObject, type RecordRow } from '../record-config';
import { duplicatesApi } from './duplicates-api';

type Side = 'a' | 'b';
interface FieldRow { key: string; label: string; a: string; b: string; empty: { a: boolean; b: boolean } }

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Side-by-side merge of two records: pick the record to keep, then for each field that
 * differs, whose value it keeps (by default the kept record's, or the other's where the kept
 * one is empty). Tags are combined; follow-ups, timeline, links and lists all move over.
 */
export function MergePage() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { object?: string; a?: string; b?: string; pair?: string };
  const object: CustomerObject = search.object === 'account' ? 'account' : 'contact';
  const config = object === 'account' ? ACCOUNT_CONFIG : CONTACT_CONFIG;
  const navigate = useNavigate();
  const client = useQueryClient();
  const a = useQuery({ queryKey: ['records', object, 'one', search.a], queryFn: () => config.api.get(search.a!), enabled: Boolean(search.a) });
  const b = useQuery({ queryKey: ['records', object, 'one', search.b], queryFn: () => config.api.get(search.b!), enabled: Boolean(search.b) });
  const fields = useQuery({ queryKey: ['custom-fields', object], queryFn: () => customFieldsApi.list(object) });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const [keep, setKeep] = useState<Side>('a');
  const [picked, setPicked] = useState<Record<string, Side>>({});
  const [confirming, setConfirming] = useState(false);

  // Account links (the contact's company, an account's parent) are shown by name.
  const linkKeys = config.form.filter((f) => f.kind === 'account').map((f) => f.key);
  const linkedIds = [...new Set([a.data, b.data].flatMap((r) => linkKeys.map((k) => r?.[k])).filter((v): v is string => typeof v === 'string'))];
  const linked = useQueries({ queries: linkedIds.map((id) => ({ queryKey: ['records', 'account', 'one', id], queryFn: () => accountsApi.get(id), retry: false })) });
  const accountNames = new Map(linked.flatMap((q, i) => (q.data ? [[linkedIds[i], String(q.data.name ?? '')] as const] : [])));
  const ownerName = (id: unknown) => (typeof id === 'string' ? members.data?.data.find((m) => m.userId === id)?.name ?? id : '');
  const rows = useMemo<FieldRow[]>(() => {
    if (!a.data || !b.data) return [];
    const show = (key: string, v: unknown) => (key === 'ownerId' ? ownerName(v) : linkKeys.includes(key) && typeof v === 'string' ? accountNames.get(v) ?? v : key === 'lifecycleStage' && typeof v === 'string' ? t(`ownership.stage_${v}`) : isEmpty(v) ? '' : String(v));
    const builtIn = config.form.filter((f) => f.key !== 'tags').map((f) => ({
      key: f.key, label: t(`customers.fields.${f.key}`),
      a: show(f.key, a.data[f.key]), b: show(f.key, b.data[f.key]), empty: { a: isEmpty(a.data[f.key]), b: isEmpty(b.data[f.key]) },
    }));
    const custom = (fields.data?.data ?? []).filter((f) => f.type !== 'autonumber').map((f) => ({
      key: `custom.${f.key}`, label: localized(f.labels, f.label),
      a: formatCustomValue(f, a.data.custom?.[f.key]), b: formatCustomValue(f, b.data.custom?.[f.key]),
      empty: { a: isEmpty(a.data.custom?.[f.key]), b: isEmpty(b.data.custom?.[f.key]) },
    }));
    return [...builtIn, ...custom];
  }, [a.data, b.data, fields.data, members.data, t, config, accountNames.size]);

  const other: Side = keep === 'a' ? 'b' : 'a';
  const sideOf = (row: FieldRow): Side => picked[row.key] ?? (row.empty[keep] && !row.empty[other] ? other : keep);
  const merge = useMutation({
    mutationFn: () => {
      const survivor = (keep === 'a' ? a.data : b.data) as RecordRow;
      const merged = (keep === 'a' ? b.data : a.data) as RecordRow;
      const values = Object.fromEntries(rows.filter((r) => r.a !== r.b).map((r) => [r.key, sideOf(r) === keep ? 'survivor' : 'merged'] as const));
      return duplicatesApi.merge(object, { survivorId: survivor.id!, mergedId: merged.id!, survivorVersion: survivor.version!, mergedVersion: merged.version!, values, pairId: search.pair });
    },
    onSuccess: (result) => {
      const survivorId = result.record.id as string;
      const mergedId = survivorId === search.a ? search.b : search.a;
      notifications.show({ color: 'green', message: t('duplicates.mergedDone', { count: Object.values(result.moved).reduce((n, x) => n + x, 0) }) });
      void navigate({ to: object === 'contact' ? '/contacts/$id' : '/accounts/$id', params: { id: survivorId } }).then(() => {
        // The merged record is gone: drop it (once this page no longer watches it) rather than refetch a 404.
        client.removeQueries({ queryKey: ['records', object, 'one', mergedId] });
        void client.invalidateQueries({ queryKey: ['duplicates', object] });
        void client.invalidateQueries({ queryKey: ['records', object] });
        void client.invalidateQueries({ queryKey: ['timeline', object] });
      });
    },
    onError: (e: Error) => {
      setConfirming(false);
      if (e instanceof ApiError && e.status === 409) { void a.refetch(); void b.refetch(); }
    },
  });

  if (!search.a || !search.b) return <Alert color="gray">{t('duplicates.pickTwo')}</Alert>;
  if (!a.data) return <QueryState query={a} />;
  if (!b.data) return <QueryState query={b} />;
  const records = { a: a.data, b: b.data };
  const tags = [...new Set([...(a.data.tags ?? []), ...(b.data.tags ?? [])])];
  const differing = rows.filter((r) => r.a !== r.b);
  const same = rows.filter((r) => r.a === r.b && r.a !== '');

  const header = (side: Side) => (
    <Radio
      checked={keep === side}
      onChange={() => { setKeep(side); setPicked({}); }}
      label={<Stack gap={0}><Text fw={700}>{records[side].name}</Text><Text size="xs" c="dimmed">{t('duplicates.createdAt', { date: formatDateTime(String(records[side].createdAt)) })}</Text><Text size="xs" c={keep === side ? 'blue' : 'dimmed'}>{keep === side ? t('duplicates.keepThis') : t('duplicates.mergeAway')}</Text></Stack>}
      data-testid={`merge-keep-${side}`}
    />
  );
  return (
    <Stack gap="md" data-testid="merge-page">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} component={Link} to="/duplicates">{t('duplicates.backToQueue')}</Button>
          <Title order={2}>{t('duplicates.mergeTitle')}</Title>
          <Text size="sm" c="dimmed">{t('duplicates.mergeHint')}</Text>
        </div>
      </Group>
      {merge.error && <Alert color="red" data-testid="merge-error">{merge.error.message}</Alert>}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" data-testid="merge-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="22%">{t('duplicates.field')}</Table.Th>
                <Table.Th>{header('a')}</Table.Th>
                <Table.Th>{header('b')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {differing.map((r) => (
                <Table.Tr key={r.key} data-testid="merge-field" data-field={r.key}>
                  <Table.Td><Text size="sm" fw={500}>{r.label}</Text></Table.Td>
                  {(['a', 'b'] as const).map((side) => (
                    <Table.Td key={side}>
                      <Radio
                        name={r.key}
                        checked={sideOf(r) === side}
                        onChange={() => setPicked((p) => ({ ...p, [r.key]: side }))}
                        label={r[side] || <Text span c="dimmed" size="sm">{t('duplicates.emptyValue')}</Text>}
                        data-testid={`merge-pick-${side}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {same.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td><Text size="sm" c="dimmed">{r.label}</Text></Table.Td>
                  <Table.Td colSpan={2}><Text size="sm" c="dimmed">{r.a}</Text></Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td><Text size="sm" fw={500}>{t('customers.fields.tags')}</Text></Table.Td>
                <Table.Td colSpan={2}>
                  <Group gap={4}>{tags.length ? tags.map((tag) => <Badge key={tag} variant="light">{tag}</Badge>) : <Text size="sm" c="dimmed">{t('duplicates.emptyValue')}</Text>}</Group>
                  <Text size="xs" c="dimmed" mt={4}>{t('duplicates.tagsCombined')}</Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Text size="sm" c="dimmed">{t('duplicates.whatMoves', { name: records[other].name, keep: records[keep].name })}</Text>
      <Group>
        <Button leftSection={<IconGitMerge size={16} />} color="orange" onClick={() => setConfirming(true)} data-testid="merge-submit">{t('duplicates.mergeButton')}</Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('duplicates.confirmTitle')}>
        <Stack>
          <Text size="sm">{t('duplicates.confirmText', { name: records[other].name, keep: records[keep].name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>{t('duplicates.cancel')}</Button>
            <Button color="orange" loading={merge.isPending} onClick={() => merge.mutate()} data-testid="merge-confirm">{t('duplicates.mergeButton')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
