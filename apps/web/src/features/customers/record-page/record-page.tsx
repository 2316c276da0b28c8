import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Drawer, Grid, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { LIFECYCLE_STAGES } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { customFieldsApi, membersApi } from '../../../api/platform';
import { canAccess, useSession } from '../../../app/session';
import { notifySaved } from '../../../components/api-errors';
import { QueryState } from '../../../components/query-state';
import { localized } from '../../../i18n';
import { formatDateTime } from '../../../i18n/format';
import { formatCustomValue } from '../custom-field-input';
import { FollowUpComposer } from '../follow-ups/follow-up-composer';
import { ACCOUNT_CONFIG, CONTACT_CONFIG, type ObjectConfig, type RecordRow } from '../record-config';
import { RecordForm } from '../record-form';
import { TagChips } from '../segments/tag-chips';
import { InlineSelect, InlineText } from './inline-field';
import { listRecordPanels } from './panels';
import { RelatedRecords } from './related-records';
import { TimelineList } from './timeline-list';

// Every `*.record-panel.tsx` under features/ registers its panel when loaded.
import.meta.glob('../../**/*.record-panel.{ts,tsx}', { eager: true });

const INLINE_KINDS = new Set(['text', 'email', 'url', 'tel']);

function RecordPage({ config }: { config: ObjectConfig }) {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const session = useSession();
  const client = useQueryClient();
  const key = ['records', config.object, 'one', id];
  const record = useQuery({ queryKey: key, queryFn: () => config.api.get(id), retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2 });
  const fields = useQuery({ queryKey: ['custom-fields', config.object], queryFn: () => customFieldsApi.list(config.object) });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const [conflict, setConflict] = useState(false);
  const [editing, setEditing] = useState(false);
  const canEdit = canAccess(session, config.object, 'update');

  if (record.isError && record.error instanceof ApiError && record.error.status === 404) {
    return <Alert color="gray" title={t('timeline.notFound')}><Anchor component={Link} to={`/${config.object}s`}>{t('timeline.back')}</Anchor></Alert>;
  }
  if (!record.data) return <QueryState query={record} />;
  const row = record.data;
  const reload = async () => {
    setConflict(false);
    await record.refetch();
  };
  const save = async (patch: Record<string, unknown>): Promise<boolean> => {
    try {
      const saved = await config.api.update(id, { ...patch, version: row.version });
      client.setQueryData(key, saved);
      setConflict(false);
      void client.invalidateQueries({ queryKey: ['timeline', config.object, id] });
      notifySaved(t('timeline.saved'));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(true);
        return false;
      }
      throw e;
    }
  };
  const owner = members.data?.data.find((m) => m.userId === row.ownerId);
  const customFields = fields.data?.data ?? [];
  const panels = listRecordPanels(config.object);
  const refreshAfterFollowUp = () => {
    void client.invalidateQueries({ queryKey: key });
    // Entries are written just after commit by the event subscriber; look again shortly.
    setTimeout(() => void client.invalidateQueries({ queryKey: ['timeline', config.object, id] }), 800);
  };
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/${config.object}s`} size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('timeline.back')}</Group></Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="record-title">{row.name}</Title>
            {typeof row.lifecycleStage === 'string' && <Badge variant="light">{t(`customers.lifecycle.${row.lifecycleStage}`)}</Badge>}
          </Group>
          <Text size="sm" c="dimmed" data-testid="record-owner">{t('timeline.owner')}: {owner?.name ?? t('timeline.noOwner')}</Text>
          {(row.tags?.length ?? 0) > 0 && <TagChips tags={row.tags!} max={10} />}
        </Stack>
        {canEdit && <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>{t('timeline.edit')}</Button>}
      </Group>
      {conflict && (
        <Alert color="orange" role="alert" title={t('timeline.conflict')}>
          <Button size="xs" variant="light" color="orange" onClick={() => void reload()}>{t('timeline.reload')}</Button>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md">
              <Text fw={600} mb="sm">{t('timeline.keyFields')}</Text>
              <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
                {config.form.filter((f) => INLINE_KINDS.has(f.kind) && f.key !== 'name' && f.key in row).map((f) => (
                  <InlineText key={`${f.key}:${row.version}`} label={t(`customers.fields.${f.key}`)} type={f.kind === 'text' ? undefined : f.kind} value={row[f.key] as string | null} canEdit={canEdit} onSave={(v) => save({ [f.key]: v })} testId={`record-value-${f.key}`} />
                ))}
                <InlineSelect label={t('customers.fields.lifecycleStage')} value={row.lifecycleStage as string | null} canEdit={canEdit} onSave={(v) => save({ lifecycleStage: v })}
                  data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) }))} />
                <InlineSelect label={t('timeline.owner')} value={row.ownerId ?? null} canEdit={canEdit} onSave={(v) => save({ ownerId: v })}
                  data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} />
              </SimpleGrid>
              <SimpleGrid cols={3} spacing="sm" mt="md">
                <div data-testid="record-last-follow-up"><Text size="xs" c="dimmed">{t('timeline.lastFollowUp')}</Text><Text size="sm">{row.lastFollowUpAt ? formatDateTime(row.lastFollowUpAt as string) : t('timeline.never')}</Text>
                  {typeof row.lastFollowUpSummary === 'string' && <Text size="xs" c="dimmed" lineClamp={2}>{row.lastFollowUpSummary}</Text>}</div>
                <div data-testid="record-next-contact"><Text size="xs" c="dimmed">{t('timeline.nextContact')}</Text><Text size="sm">{row.nextContactAt ? formatDateTime(row.nextContactAt as string) : t('timeline.empty')}</Text></div>
                <div data-testid="record-follow-up-count"><Text size="xs" c="dimmed">{t('timeline.followUps')}</Text><Text size="sm">{String(row.followUpCount ?? 0)}</Text></div>
              </SimpleGrid>
            </Paper>
            {customFields.length > 0 && (
              <Paper withBorder p="md" radius="md">
                <Text fw={600} mb="sm">{t('timeline.customFields')}</Text>
                <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="sm">
                  {customFields.filter((f) => row.custom && f.key in row.custom).map((f) => (
                    <div key={f.id}><Text size="xs" c="dimmed">{localized(f.labels, f.label)}</Text><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{formatCustomValue(f, row.custom?.[f.key]) || t('timeline.empty')}</Text></div>
                  ))}
                </SimpleGrid>
              </Paper>
            )}
            {canEdit && <FollowUpComposer object={config.object} id={id} onLogged={refreshAfterFollowUp} />}
            <TimelineList object={config.object} id={id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <RelatedRecords object={config.object} record={row} />
            {panels.map((p) => (p.frameless
              ? <p.component key={p.key} object={config.object} id={id} record={row as RecordRow} />
              : (
                <Paper key={p.key} withBorder p="md" radius="md">
                  <Text fw={600} mb="sm">{t(p.titleKey)}</Text>
                  <p.component object={config.object} id={id} record={row as RecordRow} />
                </Paper>
              )))}
          </Stack>
        </Grid.Col>
      </Grid>
      <Drawer opened={editing} onClose={() => setEditing(false)} position="right" size="xl" title={row.name} scrollAreaComponent={ScrollArea.Autosize}>
        {editing && (
          <RecordForm key={`${row.id}:${row.version}`} config={config} record={row} customFields={customFields} onCancel={() => setEditing(false)}
            onSaved={(saved) => { client.setQueryData(key, saved); setEditing(false); notifySaved(); void client.invalidateQueries({ queryKey: ['timeline', config.object, id] }); }} />
        )}
      </Drawer>
    </Stack>
  );
}

export function ContactRecordPage() {
  return <RecordPage config={CONTACT_CONFIG} />;
}

export function AccountRecordPage() {
  return <RecordPage config={ACCOUNT_CONFIG} />;
}
