import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiKeysApi, type ApiKey } from '../../api/auth';
import { applyApiError, notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { formatDateTime } from '../../i18n/format';

const KEY = ['api-keys'];
/** Suggested scopes; any `resource:read|write` or `*` is accepted. */
const SCOPE_SUGGESTIONS = ['*', 'contacts:read', 'contacts:write', 'accounts:read', 'accounts:write', 'users:read', 'users:write', 'roles:read', 'roles:write', 'settings:read', 'settings:write', 'audit:read', 'profile:read'];

function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ name: string; scopes: string[]; expiresAt: string | null }>({
    initialValues: { name: '', scopes: ['contacts:read'], expiresAt: null },
    validate: { name: (v) => (v.trim() ? null : t('common.required')), scopes: (v) => (v.length ? null : t('apiKeys.scopesRequired')) },
  });
  function close() {
    setCreated(null);
    setError(null);
    form.reset();
    onClose();
  }
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const result = await apiKeysApi.create({ name: values.name.trim(), scopes: values.scopes, expiresAt: values.expiresAt ? new Date(`${values.expiresAt}T23:59:59`).toISOString() : undefined });
      setCreated(result.key);
      void client.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      setError(applyApiError(form, e, ['name', 'scopes', 'expiresAt']));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title={t('apiKeys.create')} size="lg">
      {created ? (
        <Stack>
          <Alert color="yellow">{t('apiKeys.showOnce')}</Alert>
          <Code block fz="sm" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="new-api-key">{created}</Code>
          <Group justify="space-between">
            <CopyButton value={created}>
              {({ copied, copy }) => <Button leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy} variant="light">{copied ? t('common.copied') : t('common.copy')}</Button>}
            </CopyButton>
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {error && <Alert color="red">{error}</Alert>}
            <TextInput label={t('apiKeys.name')} required {...form.getInputProps('name')} data-autofocus />
            <TagsInput label={t('apiKeys.scopes')} description={t('apiKeys.scopesHint')} data={SCOPE_SUGGESTIONS} {...form.getInputProps('scopes')} />
            <DateInput label={t('apiKeys.expiresAt')} clearable minDate={new Date()} valueFormat="YYYY-MM-DD" {...form.getInputProps('expiresAt')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
              <Button type="submit" loading={form.submitting}>{t('apiKeys.create')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function KeysTable() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const keys = useQuery({ queryKey: KEY, queryFn: apiKeysApi.list });
  const revoke = useMutation({
    mutationFn: (id: string) => apiKeysApi.revoke(id),
    onSuccess: () => { notifySaved(t('apiKeys.revoked')); void client.invalidateQueries({ queryKey: KEY }); },
    onError: notifyError,
  });
  const confirmRevoke = (key: ApiKey) =>
    modals.openConfirmModal({
      title: t('apiKeys.revoke'),
      children: <Text size="sm">{t('apiKeys.revokeConfirm', { name: key.name })}</Text>,
      labels: { confirm: t('apiKeys.revoke'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(key.id),
    });
  if (!keys.data) return <QueryState query={keys} />;
  if (keys.data.data.length === 0) return <Text c="dimmed" ta="center" p="lg">{t('apiKeys.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('apiKeys.name')}</Table.Th>
            <Table.Th>{t('apiKeys.prefix')}</Table.Th>
            <Table.Th>{t('apiKeys.scopes')}</Table.Th>
            <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
            <Table.Th>{t('apiKeys.expiresAt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.data.data.map((k) => (
            <Table.Tr key={k.id} opacity={k.revokedAt ? 0.55 : 1}>
              <Table.Td>
                <Text size="sm" fw={500}>{k.name}</Text>
                <Text size="xs" c="dimmed">{formatDateTime(k.createdAt)}</Text>
              </Table.Td>
              <Table.Td><Code>{k.prefix}</Code></Table.Td>
              <Table.Td><Group gap={4}>{k.scopes.map((s) => <Badge key={s} variant="light" size="sm" tt="none">{s}</Badge>)}</Group></Table.Td>
              <Table.Td><Text size="sm">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('apiKeys.never')}</Text></Table.Td>
              <Table.Td><Text size="sm">{k.expiresAt ? formatDateTime(k.expiresAt) : '—'}</Text></Table.Td>
              <Table.Td ta="right">
                {k.revokedAt ? (
                  <Badge color="gray" variant="light">{t('apiKeys.revokedBadge')}</Badge>
                ) : (
                  <Tooltip label={t('apiKeys.revoke')}>
                    <ActionIcon variant="subtle" color="red" onClick={() => confirmRevoke(k)} aria-label={t('apiKeys.revoke')}><IconTrash size={16} /></ActionIcon>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <RequireCapability capability="settings.api_keys">
      <Stack>
        <PageHeader title={t('settings.apiKeys')} description={t('apiKeys.description')} actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>{t('apiKeys.create')}</Button>} />
        <KeysTable />
        <CreateKeyModal opened={open} onClose={() => setOpen(false)} />
      </Stack>
    </RequireCapability>
  );
}
