import { useState } from 'react';
import { Button, FileButton, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, CloseButton } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FOLLOW_UP_TYPES } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { notifyError, notifySaved } from '../../../components/api-errors';
import type { CustomerObject } from '../record-config';
import { followUpsApi } from '../record-page/timeline-api';

type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

/** `datetime-local` holds local wall time without a zone; the API wants an instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : null);

/** Logs a call, visit or message on a contact or account, with files and the next contact time. */
export function FollowUpComposer({ object, id, onLogged }: { object: CustomerObject; id: string; onLogged: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const [type, setType] = useState<FollowUpType>('call');
  const [content, setContent] = useState('');
  const [next, setNext] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!content.trim()) {
      setError(t('common.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await followUpsApi.create({ subjectType: object, subjectId: id, type, content: content.trim(), nextContactAt: toInstant(next) });
      for (const file of files) await followUpsApi.upload(created.id, file, session.csrfToken ?? null);
      notifySaved(t('timeline.logged'));
      setContent('');
      setNext('');
      setFiles([]);
      void client.invalidateQueries({ queryKey: ['records', object] });
      onLogged();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate data-testid="follow-up-composer">
      <Stack gap="sm">
        <Text fw={600}>{t('timeline.composerTitle')}</Text>
        <SegmentedControl aria-label={t('timeline.type')} data-testid="follow-up-type" value={type} onChange={(v) => setType(v as FollowUpType)} data={FOLLOW_UP_TYPES.map((v) => ({ value: v, label: t(`timeline.types.${v}`) }))} fullWidth />
        <Textarea aria-label={t('timeline.content')} placeholder={t('timeline.content')} autosize minRows={3} maxRows={10} maxLength={10_000} value={content} error={error} onChange={(e) => setContent(e.currentTarget.value)} data-testid="follow-up-content" />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput type="datetime-local" label={t('timeline.nextContactAt')} value={next} onChange={(e) => setNext(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} data-testid="follow-up-next" />
          <FileButton multiple onChange={(picked) => setFiles((f) => [...f, ...picked])}>
            {(props) => <Button variant="default" leftSection={<IconPaperclip size={16} />} {...props}>{t('timeline.addFiles')}</Button>}
          </FileButton>
          <Button type="submit" loading={busy} data-testid="follow-up-submit">{t('timeline.log')}</Button>
        </Group>
        {files.length > 0 && (
          <Group gap="xs">
            {files.map((f, i) => (
              <Paper key={`${f.name}-${i}`} withBorder px="xs" py={2} radius="sm">
                <Group gap={4} wrap="nowrap"><Text size="xs" truncate maw={180}>{f.name}</Text><CloseButton size="xs" aria-label={f.name} onClick={() => setFiles((all) => all.filter((_, j) => j !== i))} /></Group>
              </Paper>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
