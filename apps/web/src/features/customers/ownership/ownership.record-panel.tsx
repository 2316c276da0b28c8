import { useState } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Switch, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { registerRecordPanel, type RecordPanelProps } from '../record-page/panels';
import { MemberSelect } from '../record-select';
import { ownershipApi } from './ownership-api';

const when = (iso: string) => new Date(iso).toLocaleString();
/** The reclaim job writes its rule as `no_follow_up_30d` / `no_deal_90d`; people wrote the other reasons. */
const RULE_REASON = /^(no_follow_up|no_deal)_(\d+)d$/;

/** Owner, level, reclaim date, reassign/release actions and the transfer and stage history of a record. */
export function OwnershipPanel({ object, id, record }: Pick<RecordPanelProps, 'object' | 'id'> & Partial<Pick<RecordPanelProps, 'record'>>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['ownership', object, id];
  // Keyed by the record's version too: an owner or stage changed on the record page shows here at once.
  const version = record?.version ?? null;
  const status = useQuery({ queryKey: [...key, 'status', version], queryFn: () => ownershipApi.status(object, id) });
  const history = useQuery({ queryKey: [...key, 'history', version], queryFn: () => ownershipApi.history(object, id) });
  const stages = useQuery({ queryKey: [...key, 'lifecycle', version], queryFn: () => ownershipApi.lifecycle(object, id) });
  const settings = useQuery({ queryKey: ['ownership-settings'], queryFn: ownershipApi.settings, staleTime: 60_000 });
  const [newOwner, setNewOwner] = useState<string | null>(null);
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState('');
  const done = (message: string) => {
    notifications.show({ color: 'green', message });
    void queryClient.invalidateQueries({ queryKey: key });
    // The record page header and the lists show the owner too (query keys of record-page.tsx and the list).
    void queryClient.invalidateQueries({ queryKey: ['records', object] });
  };
  const fail = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const assign = useMutation({ mutationFn: (ownerId: string) => ownershipApi.assign(object, id, ownerId), onSuccess: () => { setNewOwner(null); done(t('ownership.assigned')); }, onError: fail });
  const release = useMutation({ mutationFn: () => ownershipApi.release(object, id, reason.trim()), onSuccess: () => { setReleasing(false); setReason(''); done(t('ownership.released')); }, onError: fail });
  const flags = useMutation({ mutationFn: (body: { customerLevel?: string | null; reclaimExempt?: boolean }) => ownershipApi.setFlags(object, id, body), onSuccess: () => done(t('ownership.saved')), onError: fail });
  const reasonText = (reason: string) => {
    const rule = RULE_REASON.exec(reason);
    return rule ? t(`ownership.reason_${rule[1]}`, { days: Number(rule[2]) }) : reason;
  };
  const s = status.data;
  if (!s) return status.isError ? <Text size="sm" c="red">{(status.error as Error).message}</Text> : null;
  return (
    <Stack gap="sm" data-testid="ownership-panel">
      <Group gap="xs">
        <Text size="sm" fw={500}>{t('ownership.owner')}:</Text>
        <Text size="sm" data-testid="ownership-owner">{s.ownerName ?? t('ownership.none')}</Text>
        {s.poolStatus === 'pool' && <Badge color="orange" variant="light" data-testid="ownership-in-pool">{t('ownership.inPool')}</Badge>}
      </Group>
      {s.reclaimAt && <Text size="xs" c="dimmed">{t(s.reclaimRule === 'no_deal' ? 'ownership.reclaimAtNoDeal' : 'ownership.reclaimAt', { date: new Date(s.reclaimAt).toLocaleDateString() })}</Text>}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select size="xs" w={100} label={t('ownership.level')} clearable value={s.customerLevel} data={(settings.data?.levels ?? []).map((l) => l.key)} onChange={(v) => flags.mutate({ customerLevel: v })} />
        <Switch size="sm" label={t('ownership.exempt')} checked={s.reclaimExempt} onChange={(e) => flags.mutate({ reclaimExempt: e.currentTarget.checked })} />
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <MemberSelect label={t('ownership.newOwner')} value={newOwner} onChange={setNewOwner} />
        <Button size="xs" disabled={!newOwner} loading={assign.isPending} onClick={() => newOwner && assign.mutate(newOwner)}>{t('ownership.reassign')}</Button>
        {s.poolStatus !== 'pool' && <Button size="xs" variant="light" color="orange" onClick={() => setReleasing(true)}>{t('ownership.release')}</Button>}
      </Group>
      <Modal opened={releasing} onClose={() => setReleasing(false)} title={t('ownership.release')}>
        <Stack>
          <Textarea label={t('ownership.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          <Button color="orange" disabled={!reason.trim()} loading={release.isPending} onClick={() => release.mutate()}>{t('ownership.releaseConfirm')}</Button>
        </Stack>
      </Modal>
      <Text size="sm" fw={500}>{t('ownership.history')}</Text>
      {(history.data?.data.length ?? 0) === 0 ? <Text size="xs" c="dimmed">{t('ownership.noHistory')}</Text> : (
        <Timeline bulletSize={10} lineWidth={1}>
          {history.data!.data.slice(0, 10).map((h) => (
            <Timeline.Item key={h.id} title={<Text size="xs" fw={500}>{t(`ownership.kind_${h.kind}`)}: {h.fromOwnerName ?? '—'} → {h.toOwnerName ?? t('ownership.inPool')}</Text>}>
              <Text size="xs" c="dimmed">{when(h.at)} · {h.actorName ?? t('ownership.system')}{h.reason ? ` · ${reasonText(h.reason)}` : ''}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <Text size="sm" fw={500}>{t('ownership.lifecycleHistory')}</Text>
      {(stages.data?.data.length ?? 0) === 0 ? <Text size="xs" c="dimmed">{t('ownership.noHistory')}</Text> : (
        <Timeline bulletSize={10} lineWidth={1}>
          {stages.data!.data.slice(0, 10).map((h) => (
            <Timeline.Item key={h.id} title={<Text size="xs" fw={500}>{h.fromStage ? t(`ownership.stage_${h.fromStage}`) : '—'} → {h.toStage ? t(`ownership.stage_${h.toStage}`) : '—'}</Text>}>
              <Text size="xs" c="dimmed">{when(h.changedAt)} · {h.actorName ?? t('ownership.system')}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

registerRecordPanel({ key: 'ownership', objects: ['contact', 'account'], order: 20, titleKey: 'ownership.panelTitle', component: OwnershipPanel });
