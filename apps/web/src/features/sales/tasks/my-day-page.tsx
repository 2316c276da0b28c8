import { useEffect, useState } from 'react';
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { TaskFormModal } from './task-form-modal';
import { TaskRow } from './task-row';
import { taskTime, tasksApi, TASKS_KEY, type TTask } from './tasks-api';

function Section({ title, tasks, onOpen, testId, showDate }: { title: string; tasks: TTask[]; onOpen: (t: TTask) => void; testId: string; showDate?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={5} mb="xs">{title} <Text span c="dimmed" size="sm">({tasks.length})</Text></Title>
      {tasks.length === 0 ? <Text size="sm" c="dimmed">{t('tasks.nothing')}</Text> : <Stack gap={6}>{tasks.map((task) => <TaskRow key={task.id} task={task} onOpen={onOpen} showDate={showDate} />)}</Stack>}
    </Card>
  );
}

/** My day: my open tasks and meetings, overdue, today and upcoming, with quick complete and quick add. */
export function MyDayPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<TTask | null>(null);
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const list = useQuery({ queryKey: [...TASKS_KEY, 'my-day'], queryFn: () => tasksApi.list({ mine: 'true', status: 'open', sort: 'dueAt' }) });
  // A reminder links to /my-day?task=<id>: open that task.
  const linked = new URLSearchParams(window.location.search).get('task');
  useEffect(() => {
    if (linked) tasksApi.get(linked).then(setOpen, () => undefined);
  }, [linked]);
  const endOfToday = new Date();
  endOfToday.setHours(23, 59, 0, 0);
  const quickAdd = useMutation({
    mutationFn: () => tasksApi.create({ kind: 'task', title: title.trim(), dueAt: endOfToday.toISOString() }),
    onSuccess: () => { setTitle(''); void queryClient.invalidateQueries({ queryKey: TASKS_KEY }); },
    onError: notifyError,
  });
  const startOfToday = new Date();
  startOfToday.setHours(0, 0, 0, 0);
  const startOfTomorrow = new Date(startOfToday.getTime() + 86_400_000);
  const tasks = [...(list.data?.data ?? [])].sort((a, b) => (taskTime(a) ?? '9').localeCompare(taskTime(b) ?? '9'));
  const at = (task: TTask) => { const s = taskTime(task); return s ? new Date(s) : null; };
  const overdue = tasks.filter((x) => { const d = at(x); return d && d < startOfToday; });
  const today = tasks.filter((x) => { const d = at(x); return d && d >= startOfToday && d < startOfTomorrow; });
  const upcoming = tasks.filter((x) => { const d = at(x); return !d || d >= startOfTomorrow; });
  return (
    <Stack>
      <PageHeader title={t('tasks.myDay')} description={t('tasks.myDayDescription')} actions={<Button onClick={() => setCreating(true)}>{t('tasks.new')}</Button>} />
      <form onSubmit={(e) => { e.preventDefault(); if (title.trim()) quickAdd.mutate(); }}>
        <Group gap="xs" align="flex-end">
          <TextInput style={{ flex: 1 }} maxLength={300} placeholder={t('tasks.quickAddPlaceholder')} aria-label={t('tasks.quickAdd')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="my-day-quick-add" />
          <Button type="submit" loading={quickAdd.isPending} disabled={!title.trim()}>{t('tasks.add')}</Button>
        </Group>
      </form>
      <QueryState query={list} />
      {list.data && (
        <>
          <Section title={t('tasks.overdue')} tasks={overdue} onOpen={setOpen} testId="my-day-overdue" showDate />
          <Section title={t('tasks.today')} tasks={today} onOpen={setOpen} testId="my-day-today" />
          <Section title={t('tasks.upcoming')} tasks={upcoming} onOpen={setOpen} testId="my-day-upcoming" showDate />
        </>
      )}
      <TaskFormModal opened={!!open || creating} task={open} draft={{ dueAt: endOfToday.toISOString() }} onClose={() => { setOpen(null); setCreating(false); }} />
    </Stack>
  );
}
