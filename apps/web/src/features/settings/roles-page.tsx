import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Drawer, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { rolesApi, type Role } from '../../api/platform';
import { notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { localized } from '../../i18n';
import { RoleEditor } from './role-editor';
import { usePermissionCatalog } from './use-objects';

const KEY = ['roles'] as const;

export function RolesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useQuery({ queryKey: KEY, queryFn: rolesApi.list });
  const catalog = usePermissionCatalog();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => rolesApi.remove(id),
    onSuccess: () => { notifySaved(t('roles.deleted')); void client.invalidateQueries({ queryKey: KEY }); },
    onError: notifyError,
  });
  const scopeLabel = (key: string) => localized(catalog.data?.scopes.find((s) => s.key === key)?.labels, key);
  return (
    <RequireCapability capability="settings.roles">
      <Stack>
        <PageHeader title={t('settings.roles')} description={t('roles.description')} actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={!catalog.data}>{t('roles.add')}</Button>} />
        <QueryState query={roles.isError ? roles : catalog} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {(roles.data?.data ?? []).map((r) => (
            <Card key={r.id} withBorder padding="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} truncate>{r.name}</Text>
                    {r.isAdmin && <Badge size="xs" color="grape" variant="light">{t('roles.adminBadge')}</Badge>}
                  </Group>
                  {r.description && <Text size="sm" c="dimmed" lineClamp={2}>{r.description}</Text>}
                  <Text size="xs" c="dimmed">{t('roles.scopeIs', { scope: scopeLabel(r.dataScope) })} · {t('roles.memberCount', { count: r.memberCount })}</Text>
                </Stack>
                <Group gap={2} wrap="nowrap">
                  <Tooltip label={t('common.edit')}><ActionIcon variant="subtle" onClick={() => setEditing(r)} disabled={!catalog.data} aria-label={t('common.edit')}><IconEdit size={16} /></ActionIcon></Tooltip>
                  <Tooltip label={r.memberCount > 0 ? t('roles.inUse') : t('common.delete')}>
                    <ActionIcon variant="subtle" color="red" disabled={r.memberCount > 0} aria-label={t('common.delete')}
                      onClick={() => modals.openConfirmModal({ title: t('roles.deleteTitle'), children: <Text size="sm">{t('roles.deleteConfirm', { name: r.name })}</Text>, labels: { confirm: t('common.delete'), cancel: t('common.cancel') }, confirmProps: { color: 'red' }, onConfirm: () => remove.mutate(r.id) })}
                    ><IconTrash size={16} /></ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
        <Drawer opened={editing !== null} onClose={() => setEditing(null)} position="right" size="xl" title={editing === 'new' ? t('roles.add') : editing ? t('roles.edit', { name: editing.name }) : ''}>
          {editing !== null && catalog.data && (
            <RoleEditor key={editing === 'new' ? 'new' : editing.id} role={editing === 'new' ? null : editing} catalog={catalog.data} onCancel={() => setEditing(null)}
              onSaved={() => { setEditing(null); notifySaved(); void client.invalidateQueries({ queryKey: KEY }); }} />
          )}
        </Drawer>
      </Stack>
    </RequireCapability>
  );
}
