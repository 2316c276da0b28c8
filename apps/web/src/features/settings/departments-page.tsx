import { useState } from 'react';
import { ActionIcon, Alert, Badge, Box, Button, Card, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowsMove, IconChevronDown, IconChevronRight, IconDots, IconEdit, IconFolderPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { departmentsApi, type Department } from '../../api/platform';
import { errorMessage, notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';

const KEY = ['departments'] as const;

interface TreeNode { dept: Department; children: TreeNode[] }

export function buildTree(list: Department[]): TreeNode[] {
  const byParent = new Map<string | null, Department[]>();
  const ids = new Set(list.map((d) => d.id));
  for (const d of list) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name)).map((dept) => ({ dept, children: build(dept.id) }));
  return build(null);
}

/** A department cannot move under itself or one of its own sub-departments. */
function descendantIds(list: Department[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list) if (d.parentId && out.has(d.parentId) && !out.has(d.id)) { out.add(d.id); grew = true; }
  }
  return out;
}

type Dialog = { kind: 'create'; parentId: string | null } | { kind: 'rename'; dept: Department } | { kind: 'move'; dept: Department } | null;

function DepartmentDialog({ dialog, list, onClose }: { dialog: Dialog; list: Department[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(dialog?.kind === 'rename' ? dialog.dept.name : '');
  const [parentId, setParentId] = useState<string | null>(dialog?.kind === 'move' ? dialog.dept.parentId : dialog?.kind === 'create' ? dialog.parentId : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!dialog) return null;
  const excluded = dialog.kind === 'move' ? descendantIds(list, dialog.dept.id) : new Set<string>();
  const parents = list.filter((d) => !excluded.has(d.id)).map((d) => ({ value: d.id, label: d.name }));
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!dialog) return;
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'create') await departmentsApi.create({ name: name.trim(), parentId });
      else if (dialog.kind === 'rename') await departmentsApi.update(dialog.dept.id, { name: name.trim(), version: dialog.dept.version });
      else await departmentsApi.update(dialog.dept.id, { parentId, version: dialog.dept.version });
      notifySaved();
      void client.invalidateQueries({ queryKey: KEY });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const title = dialog.kind === 'create' ? t('departments.add') : dialog.kind === 'rename' ? t('departments.rename') : t('departments.move', { name: dialog.dept.name });
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          {dialog.kind !== 'move' && <TextInput label={t('departments.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />}
          {dialog.kind !== 'rename' && <Select label={t('departments.parent')} placeholder={t('departments.topLevel')} clearable searchable data={parents} value={parentId} onChange={setParentId} comboboxProps={{ withinPortal: true }} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={dialog.kind !== 'move' && !name.trim()}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NodeRow({ node, depth, onAction }: { node: TreeNode; depth: number; onAction: (kind: 'create' | 'rename' | 'move' | 'delete', dept: Department) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const { dept, children } = node;
  return (
    <>
      <Group justify="space-between" wrap="nowrap" py={6} pl={depth * 20} pr="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} role="treeitem" aria-level={depth + 1} aria-expanded={children.length ? open : undefined}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {children.length > 0 ? (
            <ActionIcon variant="subtle" size="sm" color="gray" onClick={() => setOpen(!open)} aria-label={open ? t('common.collapse') : t('common.expand')}>
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            </ActionIcon>
          ) : <Box w={22} />}
          <Text size="sm" fw={500} truncate>{dept.name}</Text>
          <Badge size="xs" variant="light" color="gray">{t('departments.members', { count: dept.memberCount })}</Badge>
          {dept.headUserName && <Text size="xs" c="dimmed" truncate visibleFrom="sm">{t('departments.head', { name: dept.headUserName })}</Text>}
        </Group>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target><ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')}><IconDots size={16} /></ActionIcon></Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconFolderPlus size={14} />} onClick={() => onAction('create', dept)}>{t('departments.addChild')}</Menu.Item>
            <Menu.Item leftSection={<IconEdit size={14} />} onClick={() => onAction('rename', dept)}>{t('departments.rename')}</Menu.Item>
            <Menu.Item leftSection={<IconArrowsMove size={14} />} onClick={() => onAction('move', dept)}>{t('departments.moveAction')}</Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onAction('delete', dept)}>{t('common.delete')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {open && children.map((c) => <NodeRow key={c.dept.id} node={c} depth={depth + 1} onAction={onAction} />)}
    </>
  );
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const departments = useQuery({ queryKey: KEY, queryFn: departmentsApi.list });
  const [dialog, setDialog] = useState<Dialog>(null);
  const remove = useMutation({
    mutationFn: (id: string) => departmentsApi.remove(id),
    onSuccess: () => { notifySaved(t('departments.deleted')); void client.invalidateQueries({ queryKey: KEY }); },
    onError: notifyError,
  });
  const list = departments.data?.data ?? [];
  const onAction = (kind: 'create' | 'rename' | 'move' | 'delete', dept: Department) => {
    if (kind === 'create') setDialog({ kind, parentId: dept.id });
    else if (kind === 'rename' || kind === 'move') setDialog({ kind, dept });
    else modals.openConfirmModal({
      title: t('departments.deleteTitle'),
      children: <Text size="sm">{t('departments.deleteConfirm', { name: dept.name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(dept.id),
    });
  };
  return (
    <RequireCapability capability="settings.users">
      <Stack>
        <PageHeader title={t('settings.departments')} description={t('departments.description')} actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create', parentId: null })}>{t('departments.add')}</Button>} />
        <QueryState query={departments} />
        {departments.isSuccess && list.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('departments.empty')}</Text>}
        {list.length > 0 && (
          <Card withBorder p={0} role="tree" aria-label={t('settings.departments')}>
            {buildTree(list).map((n) => <NodeRow key={n.dept.id} node={n} depth={0} onAction={onAction} />)}
          </Card>
        )}
        {dialog && <DepartmentDialog key={JSON.stringify(dialog)} dialog={dialog} list={list} onClose={() => setDialog(null)} />}
      </Stack>
    </RequireCapability>
  );
}
