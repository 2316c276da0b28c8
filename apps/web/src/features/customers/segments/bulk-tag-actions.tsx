import { useState } from 'react';
import { Button, Group, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { IconTag, IconTagOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySaved } from '../../../components/api-errors';
import type { CustomerObject } from '../record-config';
import { tagsApi } from './segments-api';

/** "Add tag" / "Remove tag" on the selected rows of a list; records the user cannot change are reported. */
export function BulkTagActions({ object, ids, onDone }: { object: CustomerObject; ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'add' | 'remove' | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const tags = useQuery({ queryKey: ['tags', object], queryFn: () => tagsApi.list(object), enabled: mode !== null });
  if (ids.length === 0) return null;
  const apply = async () => {
    setBusy(true);
    try {
      const r = await tagsApi.bulk(object, { ids, [mode === 'add' ? 'add' : 'remove']: names });
      notifySaved(t('segments.bulkResult', { updated: r.updated.length, unchanged: r.unchanged.length, skipped: r.skipped.length }));
      setMode(null);
      setNames([]);
      onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" data-testid="bulk-tag-actions">
      <Text size="sm" c="dimmed">{t('segments.selected', { count: ids.length })}</Text>
      <Button size="xs" variant="light" leftSection={<IconTag size={14} />} onClick={() => setMode('add')}>{t('segments.addTag')}</Button>
      <Button size="xs" variant="light" color="gray" leftSection={<IconTagOff size={14} />} onClick={() => setMode('remove')}>{t('segments.removeTag')}</Button>
      <Modal opened={mode !== null} onClose={() => setMode(null)} title={t(mode === 'remove' ? 'segments.removeTag' : 'segments.addTag')}>
        <Stack>
          <TagsInput label={t('segments.tags')} data={(tags.data?.data ?? []).map((tag) => tag.name)} value={names} onChange={setNames} maxTags={20} comboboxProps={{ withinPortal: true }} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMode(null)}>{t('common.cancel')}</Button>
            <Button onClick={() => void apply()} loading={busy} disabled={names.length === 0}>{t('segments.applyTo', { count: ids.length })}</Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
