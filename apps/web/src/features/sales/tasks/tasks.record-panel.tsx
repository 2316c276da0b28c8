import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { registerRecordPanel, type RecordPanelProps } from '../../customers/record-page/panels';
import { TaskFormModal } from './task-form-modal';
import { TaskRow } from './task-row';
import { tasksApi, TASKS_KEY, type TTask } from './tasks-api';

/** Open tasks and meetings linked to a contact or account, with a quick add. */
export function TasksPanel({ object, id }: Pick<RecordPanelProps, 'object' | 'id'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [open, setOpen] = useState<TTask | null>(null);
  const list = useQuery({ queryKey: [...TASKS_KEY, 'related', object, id], queryFn: () => tasksApi.list({ relatedType: object, relatedId: id, status: 'open', sort: 'dueAt', limit: 50 }) });
  const add = useMutation({
    mutationFn: () => {
      const due = new Date();
      due.setDate(due.getDate() + 1);
      due.setHours(9, 0, 0, 0);
      return tasksApi.create({ kind: 'task', title: title.trim(), dueAt: due.toISOString(), relatedType: object, relatedId: id });
    },
    onSuccess: () => { setTitle(''); void queryClient.invalidateQueries({ queryKey: TASKS_KEY }); },
    onError: notifyError,
  });
  const tasks = list.data?.data ?? [];
  return (
    <Stack gap="xs" data-testid="tasks-panel">
      {list.isError ? <Text size="sm" c="red">{(list.error as Error).message}</Text>
        : tasks.length === 0 ? <Text size="xs" c="dimmed">{t('tasks.noOpenTasks')}</Text>
        : tasks.map((task) => <TaskRow key={task.id} task={task} onOpen={setOpen} showDate />)}
      <form onSubmit={(e) => { e.preventDefault(); if (title.trim()) add.mutate(); }}>
        <Group gap="xs" wrap="nowrap">
          <TextInput size="xs" style={{ flex: 1 }} maxLength={300} placeholder={t('tasks.quickAddRecord')} aria-label={t('tasks.quickAdd')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="tasks-panel-add" />
          <Button size="xs" type="submit" loading={add.isPending} disabled={!title.trim()}>{t('tasks.add')}</Button>
        </Group>
      </form>
      <TaskFormModal opened={!!open} task={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

registerRecordPanel({ key: 'tasks', objects: ['contact', 'account'], order: 15, titleKey: 'tasks.panelTitle', component: TasksPanel });
