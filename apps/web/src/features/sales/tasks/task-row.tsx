import { Badge, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { taskTime, tasksApi, TASKS_KEY, type TTask } from './tasks-api';

const PRIORITY_COLORS: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'blue' };

/** One task line: a checkbox that completes it, its title (opens it), time and priority. */
export function TaskRow({ task, onOpen, showDate }: { task: TTask; onOpen: (task: TTask) => void; showDate?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: async () => { if (task.status === 'open') await tasksApi.complete(task); else await tasksApi.reopen(task); },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
    onError: notifyError,
  });
  const at = taskTime(task);
  const when = at ? new Date(at).toLocaleString(i18n.language, showDate ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' }) : null;
  return (
    <Group gap="sm" wrap="nowrap" data-testid="task-row">
      <Checkbox aria-label={t('tasks.complete')} checked={task.status === 'done'} disabled={toggle.isPending} onChange={() => toggle.mutate()} data-testid="task-complete" />
      <UnstyledButton onClick={() => onOpen(task)} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" truncate td={task.status === 'done' ? 'line-through' : undefined}>{task.title}</Text>
      </UnstyledButton>
      {task.kind === 'meeting' && <Badge size="xs" variant="light">{t('tasks.kind_meeting')}</Badge>}
      {task.recurrence && <Badge size="xs" variant="outline">{t('tasks.recurring')}</Badge>}
      {task.priority !== 'normal' && <Badge size="xs" color={PRIORITY_COLORS[task.priority]}>{t(`tasks.priority_${task.priority}`)}</Badge>}
      {when && <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{when}</Text>}
    </Group>
  );
}
