import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, PasswordInput, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { departmentsApi, membersApi, rolesApi, type Member } from '../../api/platform';
import { applyApiError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { formatDateTime } from '../../i18n/format';
import { MIN_PASSWORD_LENGTH } from '../auth/reset-password-page';

const MEMBERS_KEY = ['members'] as const;

function useChoices() {
  const roles = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list });
  const departments = useQuery({ queryKey: ['departments'], queryFn: departmentsApi.list });
  const members = useQuery({ queryKey: [...MEMBERS_KEY, 'all'], queryFn: () => membersApi.list({ limit: 500 }) });
  return {
    roles: (roles.data?.data ?? []).map((r) => ({ value: r.id, label: r.name })),
    departments: (departments.data?.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    members: (members.data?.data ?? []).map((m) => ({ value: m.userId, label: `${m.name} <${m.email}>` })),
  };
}

function MemberModal({ member, opened, onClose }: { member: Member | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const choices = useChoices();
  const [error, setError] = useState<string | null>(null);
  const isNew = member === null;
  const form = useForm({
    initialValues: {
      email: member?.email ?? '',
      name: member?.name ?? '',
      password: '',
      roleId: member?.roleId ?? null as string | null,
      departmentId: member?.departmentId ?? null as string | null,
      supervisorId: member?.supervisorId ?? null as string | null,
      title: member?.title ?? '',
      status: member?.status ?? 'active',
    },
    validate: {
      email: (v) => (!isNew || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('auth.emailInvalid')),
      name: (v) => (!isNew || v.trim() ? null : t('common.required')),
      roleId: (v) => (v ? null : t('common.required')),
      password: (v) => (!isNew || !v || v.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort', { min: MIN_PASSWORD_LENGTH })),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (isNew) {
        await membersApi.add({ email: v.email.trim(), name: v.name.trim(), roleId: v.roleId!, departmentId: v.departmentId, supervisorId: v.supervisorId, title: v.title.trim() || null, password: v.password || undefined });
      } else {
        await membersApi.update(member.userId, { roleId: v.roleId!, departmentId: v.departmentId, supervisorId: v.supervisorId, title: v.title.trim() || null, status: v.status as Member['status'], version: member.version });
      }
      notifySaved();
      void client.invalidateQueries({ queryKey: MEMBERS_KEY });
      onClose();
    } catch (e) {
      setError(applyApiError(form, e, ['email', 'name', 'password', 'roleId', 'departmentId', 'supervisorId', 'title', 'status']));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={isNew ? t('users.add') : t('users.edit', { name: member.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t('users.email')} required disabled={!isNew} {...form.getInputProps('email')} />
            <TextInput label={t('users.name')} required disabled={!isNew} {...form.getInputProps('name')} />
          </Group>
          {isNew && <PasswordInput label={t('users.initialPassword')} description={t('users.initialPasswordHint')} autoComplete="new-password" {...form.getInputProps('password')} />}
          <Group grow align="flex-start">
            <Select label={t('users.role')} required data={choices.roles} allowDeselect={false} {...form.getInputProps('roleId')} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('users.title')} {...form.getInputProps('title')} />
          </Group>
          <Group grow align="flex-start">
            <Select label={t('users.department')} clearable searchable data={choices.departments} {...form.getInputProps('departmentId')} comboboxProps={{ withinPortal: true }} />
            <Select label={t('users.supervisor')} clearable searchable data={choices.members.filter((m) => m.value !== member?.userId)} {...form.getInputProps('supervisorId')} comboboxProps={{ withinPortal: true }} />
          </Group>
          {!isNew && (
            <div>
              <Text size="sm" fw={500} mb={4}>{t('users.status')}</Text>
              <SegmentedControl data={[{ value: 'active', label: t('users.active') }, { value: 'disabled', label: t('users.disabled') }]} {...form.getInputProps('status')} />
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={form.submitting}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string>('active');
  const [term] = useDebouncedValue(q.trim(), 300);
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const pages = useInfiniteQuery({
    queryKey: [...MEMBERS_KEY, 'page', term, status],
    queryFn: ({ pageParam }) => membersApi.list({ q: term || undefined, status: status === 'all' ? undefined : status, cursor: pageParam, limit: 100 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <RequireCapability capability="settings.users">
      <Stack>
        <PageHeader title={t('settings.users')} description={t('users.description')} actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{t('users.add')}</Button>} />
        <Group gap="sm" wrap="wrap">
          <TextInput leftSection={<IconSearch size={16} />} placeholder={t('users.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} aria-label={t('users.search')} />
          <SegmentedControl value={status} onChange={setStatus} data={[{ value: 'active', label: t('users.active') }, { value: 'disabled', label: t('users.disabled') }, { value: 'all', label: t('common.all') }]} />
        </Group>
        <QueryState query={pages} />
        {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('common.noResults')}</Text>}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.department')}</Table.Th>
                  <Table.Th>{t('users.supervisor')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.userId} onClick={() => setEditing(m)} style={{ cursor: 'pointer' }}>
                    <Table.Td><Text size="sm" fw={500}>{m.name}</Text><Text size="xs" c="dimmed">{m.email}{m.title ? ` · ${m.title}` : ''}</Text></Table.Td>
                    <Table.Td><Badge variant="light" color={m.roleIsAdmin ? 'grape' : 'blue'} tt="none">{m.roleName}</Badge></Table.Td>
                    <Table.Td><Text size="sm">{m.departmentName ?? '—'}</Text></Table.Td>
                    <Table.Td><Text size="sm">{m.supervisorName ?? '—'}</Text></Table.Td>
                    <Table.Td><Badge color={m.status === 'active' ? 'green' : 'gray'} variant="dot">{m.status === 'active' ? t('users.active') : t('users.disabled')}</Badge></Table.Td>
                    <Table.Td><Text size="sm">{m.lastLoginAt ? formatDateTime(m.lastLoginAt) : '—'}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages.hasNextPage && <Group justify="center"><Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button></Group>}
        {editing !== null && <MemberModal key={editing === 'new' ? 'new' : editing.userId} member={editing === 'new' ? null : editing} opened onClose={() => setEditing(null)} />}
      </Stack>
    </RequireCapability>
  );
}
