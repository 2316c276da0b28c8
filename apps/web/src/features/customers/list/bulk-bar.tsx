import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Paper, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowBackUp, IconStairsUp, IconTag, IconTrash, IconUserShare, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES } from '@voyage/contracts';
import { notifyError } from '../../../components/api-errors';
import type { CustomerObject } from '../record-config';
import { MemberSelect } from '../record-select';
import { tagsApi } from '../segments/segments-api';
import { BULK_CHUNK, bulkApi, type LifecycleStage } from './list-api';

type Skip = { id: string; reason: string };
type Action = 'assign' | 'tag' | 'stage' | 'delete' | 'restore';

/** What a bulk action did: changed, already so, and left alone with the reason. */
export interface BulkOutcome {
  action: Action;
  done: string[];
  unchanged: string[];
  skipped: Skip[];
}

/** Runs a bulk call over any number of ids, 500 at a time, and adds up the answers. */
async function inChunks(ids: string[], call: (chunk: string[]) => Promise<{ done: string[]; unchanged?: string[]; skipped: Skip[] }>): Promise<Omit<BulkOutcome, 'action'>> {
  const total: Omit<BulkOutcome, 'action'> = { done: [], unchanged: [], skipped: [] };
  for (let i = 0; i < ids.length; i += BULK_CHUNK) {
    const r = await call(ids.slice(i, i + BULK_CHUNK));
    total.done.push(...r.done);
    total.unchanged.push(...(r.unchanged ?? []));
    total.skipped.push(...r.skipped);
  }
  return total;
}

interface Props {
  object: CustomerObject;
  ids: string[];
  /** Names of the loaded rows, to say which records were left alone. */
  names: Map<string, string>;
  trash: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  onClear: () => void;
  /** After any change: refresh the list (the selection is cleared). */
  onChanged: () => void;
}

/** Actions on the selected rows: assign, tag, change stage, delete to trash (or restore in the trash). */
export function BulkBar({ object, ids, names, trash, canUpdate, canDelete, onClear, onChanged }: Props) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'assign' | 'tag' | 'stage' | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const perform = async (action: Action, work: () => Promise<Omit<BulkOutcome, 'action'>>) => {
    setBusy(true);
    try {
      const result = await work();
      setOutcome({ action, ...result });
      setDialog(null);
      onChanged();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = () => modals.openConfirmModal({
    title: t('customerList.bulkDeleteTitle'),
    children: <Text size="sm">{t('customerList.bulkDeleteConfirm', { count: ids.length })}</Text>,
    labels: { confirm: t('customerList.moveToTrash'), cancel: t('common.cancel') },
    confirmProps: { color: 'red', 'data-testid': 'bulk-delete-confirm' } as Record<string, unknown>,
    onConfirm: () => void perform('delete', () => inChunks(ids, async (chunk) => {
      const r = await bulkApi.remove(object, chunk);
      return { done: r.deleted, skipped: r.skipped };
    })),
  });
  const restore = (which: string[]) => perform('restore', () => inChunks(which, async (chunk) => {
    const r = await bulkApi.restore(object, chunk);
    return { done: r.restored, skipped: r.skipped };
  }));

  return (
    <Stack gap="xs">
      {ids.length > 0 && (
        <Paper withBorder p="xs" radius="md" data-testid="bulk-bar" bg="var(--mantine-primary-color-light)">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600} data-testid="bulk-count">{t('customerList.selected', { count: ids.length })}</Text>
            {trash ? (
              canDelete && <Button size="xs" variant="light" leftSection={<IconArrowBackUp size={14} />} loading={busy} onClick={() => void restore(ids)} data-testid="bulk-restore">{t('customerList.restore')}</Button>
            ) : (
              <>
                {canUpdate && <Button size="xs" variant="light" leftSection={<IconUserShare size={14} />} onClick={() => setDialog('assign')} data-testid="bulk-assign">{t('customerList.assign')}</Button>}
                {canUpdate && <Button size="xs" variant="light" leftSection={<IconTag size={14} />} onClick={() => setDialog('tag')} data-testid="bulk-tag">{t('customerList.tag')}</Button>}
                {canUpdate && <Button size="xs" variant="light" leftSection={<IconStairsUp size={14} />} onClick={() => setDialog('stage')} data-testid="bulk-stage">{t('customerList.changeStage')}</Button>}
                {canDelete && <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} loading={busy} onClick={remove} data-testid="bulk-delete">{t('customerList.delete')}</Button>}
              </>
            )}
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>{t('customerList.clearSelection')}</Button>
          </Group>
        </Paper>
      )}
      {outcome && <BulkOutcomeAlert outcome={outcome} names={names} onClose={() => setOutcome(null)} onUndo={outcome.action === 'delete' && outcome.done.length > 0 ? () => void restore(outcome.done) : undefined} />}
      <AssignDialog opened={dialog === 'assign'} count={ids.length} busy={busy} onClose={() => setDialog(null)}
        onSubmit={(ownerId, reason) => void perform('assign', () => inChunks(ids, async (chunk) => {
          const r = await bulkApi.assign(object, chunk, ownerId, reason || undefined);
          return { done: r.assigned, skipped: r.skipped };
        }))} />
      <TagDialog object={object} opened={dialog === 'tag'} count={ids.length} busy={busy} onClose={() => setDialog(null)}
        onSubmit={(mode, tags) => void perform('tag', () => inChunks(ids, async (chunk) => {
          const r = await bulkApi.tags(object, chunk, mode === 'add' ? { add: tags } : { remove: tags });
          return { done: r.updated, unchanged: r.unchanged, skipped: r.skipped };
        }))} />
      <StageDialog opened={dialog === 'stage'} count={ids.length} busy={busy} onClose={() => setDialog(null)}
        onSubmit={(stage) => void perform('stage', () => inChunks(ids, async (chunk) => {
          const r = await bulkApi.stage(object, chunk, stage);
          return { done: r.updated, unchanged: r.unchanged, skipped: r.skipped };
        }))} />
    </Stack>
  );
}

const SHOWN_SKIPS = 10;

/** The report of a bulk action; records left alone are named with the reason, never dropped silently. */
function BulkOutcomeAlert({ outcome, names, onClose, onUndo }: { outcome: BulkOutcome; names: Map<string, string>; onClose: () => void; onUndo?: () => void }) {
  const { t } = useTranslation();
  const color = outcome.skipped.length === 0 ? 'green' : outcome.done.length === 0 && outcome.unchanged.length === 0 ? 'red' : 'yellow';
  return (
    <Alert color={color} withCloseButton onClose={onClose} data-testid="bulk-result" data-action={outcome.action}
      title={t(`customerList.result.${outcome.action}`, { count: outcome.done.length })}>
      <Stack gap={4}>
        {outcome.unchanged.length > 0 && <Text size="sm">{t('customerList.result.unchanged', { count: outcome.unchanged.length })}</Text>}
        {outcome.skipped.length > 0 && (
          <>
            <Text size="sm" fw={600} data-testid="bulk-skipped">{t('customerList.result.skipped', { count: outcome.skipped.length })}</Text>
            <List size="sm" spacing={2}>
              {outcome.skipped.slice(0, SHOWN_SKIPS).map((s) => (
                <List.Item key={s.id}>{`${names.get(s.id) ?? s.id}: ${t(`customerList.skipReasons.${s.reason}`)}`}</List.Item>
              ))}
            </List>
            {outcome.skipped.length > SHOWN_SKIPS && <Text size="sm" c="dimmed">{t('customerList.result.more', { count: outcome.skipped.length - SHOWN_SKIPS })}</Text>}
          </>
        )}
        {onUndo && <Group><Button size="xs" variant="white" leftSection={<IconArrowBackUp size={14} />} onClick={onUndo} data-testid="bulk-undo-delete">{t('customerList.undoDelete')}</Button></Group>}
      </Stack>
    </Alert>
  );
}

function AssignDialog({ opened, count, busy, onClose, onSubmit }: { opened: boolean; count: number; busy: boolean; onClose: () => void; onSubmit: (ownerId: string, reason: string) => void }) {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('customerList.assignTitle', { count })} transitionProps={{ onEnter: () => { setOwner(null); setReason(''); } }}>
      <Stack>
        <MemberSelect label={t('customerList.newOwner')} value={owner} onChange={setOwner} required />
        <TextInput label={t('customerList.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={!owner} loading={busy} onClick={() => owner && onSubmit(owner, reason.trim())} data-testid="bulk-assign-apply">{t('customerList.applyTo', { count })}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TagDialog({ object, opened, count, busy, onClose, onSubmit }: { object: CustomerObject; opened: boolean; count: number; busy: boolean; onClose: () => void; onSubmit: (mode: 'add' | 'remove', tags: string[]) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'add' | 'remove'>('add');
  const [tags, setTags] = useState<string[]>([]);
  const catalogue = useQuery({ queryKey: ['tags', object], queryFn: () => tagsApi.list(object), enabled: opened });
  return (
    <Modal opened={opened} onClose={onClose} title={t('customerList.tagTitle', { count })} transitionProps={{ onEnter: () => { setMode('add'); setTags([]); } }}>
      <Stack>
        <SegmentedControl value={mode} onChange={(v) => setMode(v as 'add' | 'remove')} data={[{ value: 'add', label: t('segments.addTag') }, { value: 'remove', label: t('segments.removeTag') }]} />
        <TagsInput label={t('segments.tags')} data={(catalogue.data?.data ?? []).map((tag) => tag.name)} value={tags} onChange={setTags} maxTags={20} comboboxProps={{ withinPortal: true }} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={tags.length === 0} loading={busy} onClick={() => onSubmit(mode, tags)} data-testid="bulk-tag-apply">{t('customerList.applyTo', { count })}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const CLEAR_STAGE = '__none__';

function StageDialog({ opened, count, busy, onClose, onSubmit }: { opened: boolean; count: number; busy: boolean; onClose: () => void; onSubmit: (stage: LifecycleStage | null) => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<string | null>(null);
  const data = [...LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) })), { value: CLEAR_STAGE, label: t('customerList.noStage') }];
  return (
    <Modal opened={opened} onClose={onClose} title={t('customerList.stageTitle', { count })} transitionProps={{ onEnter: () => setStage(null) }}>
      <Stack>
        <Text size="sm" c="dimmed">{t('customerList.stageHelp')}</Text>
        <Select label={t('customers.fields.lifecycleStage')} data={data} value={stage} onChange={setStage} comboboxProps={{ withinPortal: true }} data-testid="bulk-stage-select" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={!stage} loading={busy} onClick={() => stage && onSubmit(stage === CLEAR_STAGE ? null : (stage as LifecycleStage))} data-testid="bulk-stage-apply">{t('customerList.applyTo', { count })}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
