import { useState } from 'react';
import { Badge, Button, Group, Menu, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconChevronDown, IconDeviceFloppy, IconEdit, IconLayoutList, IconPlus, IconShare, IconTrash, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { applyApiError, notifyError, notifySaved } from '../../../components/api-errors';
import type { CustomerObject } from '../record-config';
import { listViewsApi, type TListView } from './list-api';
import { toViewState, type ListState } from './list-state';

interface Props {
  object: CustomerObject;
  views: TListView[];
  current: TListView | null;
  state: ListState;
  /** The list differs from what the current view saved. */
  dirty: boolean;
  /** The user may publish views to the workspace (the object's update right). */
  mayShare: boolean;
  onPick: (view: TListView | null) => void;
  /** After a save, rename, share or delete: the view to show now (null: all records). */
  onChanged: (view: TListView | null) => void;
}

/** Saved views above the list: pick one, save the list as a view, rename, share, delete. */
export function ViewSwitcher({ object, views, current, state, dirty, mayShare, onPick, onChanged }: Props) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState<'create' | 'rename' | null>(null);
  const mine = views.filter((v) => v.editable);
  const shared = views.filter((v) => !v.editable);
  const run = async (work: () => Promise<TListView | null>, message?: string) => {
    try {
      const view = await work();
      notifySaved(message);
      onChanged(view);
    } catch (e) {
      notifyError(e);
    }
  };
  const save = () => current && run(() => listViewsApi.update(current.id, { version: current.version, state: toViewState(state) }), t('customerList.viewSaved'));
  const share = () => current && run(() => listViewsApi.update(current.id, { version: current.version, shared: !current.shared }), t(current.shared ? 'customerList.viewUnshared' : 'customerList.viewShared'));
  const remove = () => current && modals.openConfirmModal({
    title: t('customerList.deleteViewTitle'),
    children: <Text size="sm">{t(current.shared ? 'customerList.deleteSharedViewConfirm' : 'customerList.deleteViewConfirm', { name: current.name })}</Text>,
    labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
    confirmProps: { color: 'red', 'data-testid': 'view-delete-confirm' } as Record<string, unknown>,
    onConfirm: () => void run(async () => { await listViewsApi.remove(current.id); return null; }, t('customerList.viewDeleted')),
  });
  const item = (view: TListView | null) => {
    const active = (current?.id ?? null) === (view?.id ?? null);
    return (
      <Menu.Item key={view?.id ?? 'default'} onClick={() => onPick(view)} data-testid="view-option" data-view={view?.id ?? 'default'}
        leftSection={active ? <IconCheck size={14} /> : <span style={{ width: 14, display: 'inline-block' }} />}
        rightSection={view?.shared ? <IconUsers size={14} aria-label={t('customerList.sharedView')} /> : undefined}>
        <Text size="sm" fw={active ? 600 : undefined}>{view ? view.name : t('customerList.allRecords')}</Text>
        {view && !view.editable && view.ownerName && <Text size="xs" c="dimmed">{t('customerList.sharedBy', { name: view.ownerName })}</Text>}
      </Menu.Item>
    );
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-start" shadow="md" width={280}>
        <Menu.Target>
          <Button variant="default" leftSection={<IconLayoutList size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="view-switcher" style={{ maxWidth: 280 }}>
            <Text size="sm" fw={600} truncate>{current ? current.name : t('customerList.allRecords')}</Text>
            {dirty && current && <Badge ml={6} size="xs" variant="light" color="orange">{t('customerList.modified')}</Badge>}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('customerList.myViews')}</Menu.Label>
          {item(null)}
          {mine.map(item)}
          {shared.length > 0 && <Menu.Label>{t('customerList.sharedViews')}</Menu.Label>}
          {shared.map(item)}
          <Menu.Divider />
          {current?.editable && dirty && <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => void save()} data-testid="view-save">{t('customerList.saveChanges')}</Menu.Item>}
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setNaming('create')} data-testid="view-save-as">{t('customerList.saveAs')}</Menu.Item>
          {current?.editable && <Menu.Item leftSection={<IconEdit size={14} />} onClick={() => setNaming('rename')} data-testid="view-rename">{t('customerList.rename')}</Menu.Item>}
          {current?.editable && (mayShare || current.shared) && (
            <Menu.Item leftSection={<IconShare size={14} />} onClick={() => void share()} data-testid="view-share">{t(current.shared ? 'customerList.unshare' : 'customerList.share')}</Menu.Item>
          )}
          {current?.editable && <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={remove} data-testid="view-delete">{t('customerList.deleteView')}</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      {current?.editable && dirty && <Button variant="light" size="sm" leftSection={<IconDeviceFloppy size={16} />} onClick={() => void save()} data-testid="view-save-button">{t('customerList.saveChanges')}</Button>}
      <ViewNameModal opened={naming !== null} mode={naming ?? 'create'} initial={naming === 'rename' ? current?.name ?? '' : ''} mayShare={mayShare}
        onClose={() => setNaming(null)}
        onSubmit={async (name, sharedFlag) => {
          const view = naming === 'rename' && current
            ? await listViewsApi.update(current.id, { version: current.version, name })
            : await listViewsApi.create({ object, name, shared: sharedFlag, state: toViewState(state) });
          setNaming(null);
          notifySaved(t('customerList.viewSaved'));
          onChanged(view);
        }} />
    </Group>
  );
}

function ViewNameModal({ opened, mode, initial, mayShare, onClose, onSubmit }: { opened: boolean; mode: 'create' | 'rename'; initial: string; mayShare: boolean; onClose: () => void; onSubmit: (name: string, shared: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name.trim(), shared);
    } catch (e) {
      // A name already in use comes back as a field error on `name`.
      if (applyApiError({ setFieldError: (_path, message) => setError(message) }, e, ['name']) !== null) notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t(mode === 'rename' ? 'customerList.renameTitle' : 'customerList.saveAsTitle')}
      transitionProps={{ onEnter: () => { setName(initial); setShared(false); setError(null); } }}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack>
          <TextInput label={t('customerList.viewName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} required error={error} data-autofocus data-testid="view-name" />
          {mode === 'create' && (
            <Switch label={t('customerList.shareWithWorkspace')} description={mayShare ? t('customerList.shareHelp') : t('customerList.shareNotAllowed')}
              checked={shared} disabled={!mayShare} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="view-shared" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="view-name-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
