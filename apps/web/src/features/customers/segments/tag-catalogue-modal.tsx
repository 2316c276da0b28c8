import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TAG_COLORS } from '@voyage/contracts';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { tagsApi, type TTag } from './segments-api';

/** The tag catalogue: everyone adds tags; admins rename (applied to every record), recolour and delete. */
export function TagCatalogueModal({ opened, onClose, canManage }: { opened: boolean; onClose: () => void; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => tagsApi.list(), enabled: opened });
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>('blue');
  const refresh = () => client.invalidateQueries({ queryKey: ['tags'] });
  const add = async () => {
    try {
      await tagsApi.create({ name: name.trim(), color: color as TTag['color'] as never });
      setName('');
      void refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  const colorData = TAG_COLORS.map((c) => ({ value: c, label: t(`segments.colors.${c}`) }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('segments.tags')} size="lg">
      <Stack gap="sm">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput style={{ flex: '1 1 160px' }} label={t('segments.newTag')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={50} />
          <Select w={130} label={t('segments.color')} data={colorData} value={color} onChange={(v) => v && setColor(v)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          <Button onClick={() => void add()} disabled={!name.trim()}>{t('segments.add')}</Button>
        </Group>
        {!canManage && <Text size="xs" c="dimmed">{t('segments.tagAdminOnly')}</Text>}
        {(tags.data?.data ?? []).map((tag) => <TagRow key={`${tag.id}:${tag.version}`} tag={tag} canManage={canManage} colorData={colorData} onChanged={refresh} />)}
      </Stack>
    </Modal>
  );
}

function TagRow({ tag, canManage, colorData, onChanged }: { tag: TTag; canManage: boolean; colorData: Array<{ value: string; label: string }>; onChanged: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(tag.name);
  const save = async (changes: { name?: string; color?: string }) => {
    try {
      await tagsApi.update(tag.id, { version: tag.version, ...changes } as never);
      notifySaved();
      onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  const remove = () => modals.openConfirmModal({
    title: t('segments.deleteTagTitle'),
    children: <Text size="sm">{t('segments.deleteTagConfirm', { name: tag.name })}</Text>,
    labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      try {
        await tagsApi.remove(tag.id);
        onChanged();
      } catch (e) {
        notifyError(e);
      }
    },
  });
  if (!canManage) return <Group><Badge variant="light" color={tag.color} tt="none">{tag.name}</Badge></Group>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge variant="light" color={tag.color} tt="none" w={16} h={16} p={0} aria-hidden />
      <TextInput aria-label={t('segments.tagName')} style={{ flex: 1, minWidth: 0 }} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={50} />
      {name.trim() && name.trim() !== tag.name && <ActionIcon aria-label={t('segments.rename')} onClick={() => void save({ name: name.trim() })}><IconCheck size={16} /></ActionIcon>}
      <Select w={120} aria-label={t('segments.color')} data={colorData} value={tag.color} onChange={(v) => v && v !== tag.color && void save({ color: v })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={remove}><IconTrash size={16} /></ActionIcon>
    </Group>
  );
}
