import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../api/platform';
import { applyApiError, notifySaved } from '../../../components/api-errors';
import { ContactsPicker } from '../deals/contact-picker';
import { fromLocalInput, tasksApi, TASKS_KEY, toLocalInput, type TTask } from './tasks-api';

const RECURRENCES = ['', 'FREQ=DAILY', 'FREQ=WEEKLY', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'FREQ=WEEKLY;INTERVAL=2', 'FREQ=MONTHLY'];
const RECURRENCE_LABELS: Record<string, string> = { '': 'none', 'FREQ=DAILY': 'daily', 'FREQ=WEEKLY': 'weekly', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR': 'weekdays', 'FREQ=WEEKLY;INTERVAL=2': 'biweekly', 'FREQ=MONTHLY': 'monthly' };

export interface TaskDraft {
  kind?: 'task' | 'meeting';
  dueAt?: string;
  startAt?: string;
  endAt?: string;
  relatedType?: 'contact' | 'account' | 'deal' | 'lead';
  relatedId?: string;
}

/** Create a task or meeting (from a draft: a clicked day or slot, a record) or edit one. */
export function TaskFormModal({ opened, onClose, task, draft }: { opened: boolean; onClose: () => void; task?: TTask | null; draft?: TaskDraft }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { kind: 'task' as 'task' | 'meeting', title: '', description: '', priority: 'normal', dueAt: '', startAt: '', endAt: '', location: '', reminderAt: '', recurrence: '', ownerId: '', attendeeUserIds: [] as string[], attendeeContactIds: [] as string[] },
  });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: opened });
  const memberOptions = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  useEffect(() => {
    if (!opened) return;
    setError(null);
    form.setValues({
      kind: task?.kind ?? draft?.kind ?? 'task', title: task?.title ?? '', description: task?.description ?? '', priority: task?.priority ?? 'normal',
      dueAt: toLocalInput(task?.dueAt ?? draft?.dueAt), startAt: toLocalInput(task?.startAt ?? draft?.startAt), endAt: toLocalInput(task?.endAt ?? draft?.endAt),
      location: task?.location ?? '', reminderAt: toLocalInput(task?.reminderAt), recurrence: task?.recurrence ?? '',
      ownerId: task?.ownerId ?? '', attendeeUserIds: (task?.attendees ?? []).flatMap((a) => (a.userId ? [a.userId] : [])),
      attendeeContactIds: (task?.attendees ?? []).flatMap((a) => (a.contactId ? [a.contactId] : [])),
    });
    form.resetDirty();
    // Only when the modal opens, or opens on another task or draft.
  }, [opened, task?.id, draft?.dueAt, draft?.startAt]);
  const done = () => { void queryClient.invalidateQueries({ queryKey: TASKS_KEY }); notifySaved(); onClose(); };
  const save = form.onSubmit(async (v) => {
    setError(null);
    const meeting = v.kind === 'meeting';
    const body = {
      title: v.title.trim(), description: v.description || null, priority: v.priority as TTask['priority'], location: v.location || null,
      dueAt: meeting ? null : fromLocalInput(v.dueAt), startAt: meeting ? fromLocalInput(v.startAt) : null, endAt: meeting ? fromLocalInput(v.endAt) : null,
      reminderAt: fromLocalInput(v.reminderAt), recurrence: v.recurrence || null,
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      ...(meeting ? { attendees: { userIds: v.attendeeUserIds, contactIds: v.attendeeContactIds } } : {}),
    };
    try {
      if (task) await tasksApi.update(task.id, { version: task.version, ...body });
      else await tasksApi.create({ kind: v.kind, ...body, relatedType: draft?.relatedType ?? null, relatedId: draft?.relatedId ?? null });
      done();
    } catch (e) {
      setError(applyApiError(form, e, Object.keys(v)));
    }
  });
  const complete = useMutation({ mutationFn: () => tasksApi.complete(task!), onSuccess: done, onError: (e) => setError(applyApiError(form, e)) });
  const remove = useMutation({ mutationFn: () => tasksApi.remove(task!.id), onSuccess: done, onError: (e) => setError(applyApiError(form, e)) });
  const meeting = form.values.kind === 'meeting';
  // Names of the contacts already attending, so the picker can show them before any search.
  const knownContacts = (task?.attendees ?? []).flatMap((a) => (a.contactId ? [{ value: a.contactId, label: a.name ?? a.contactId }] : []));
  return (
    <Modal opened={opened} onClose={onClose} title={task ? t('tasks.edit') : t('tasks.new')} size="lg">
      <form onSubmit={save} noValidate data-testid="task-form">
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          {!task && <SegmentedControl data={[{ value: 'task', label: t('tasks.kind_task') }, { value: 'meeting', label: t('tasks.kind_meeting') }]} {...form.getInputProps('kind')} />}
          <TextInput label={t('tasks.title')} required data-autofocus {...form.getInputProps('title')} />
          {meeting ? (
            <Group grow>
              <TextInput type="datetime-local" label={t('tasks.startAt')} required {...form.getInputProps('startAt')} />
              <TextInput type="datetime-local" label={t('tasks.endAt')} required {...form.getInputProps('endAt')} />
            </Group>
          ) : <TextInput type="datetime-local" label={t('tasks.dueAt')} {...form.getInputProps('dueAt')} />}
          <Group grow>
            <Select label={t('tasks.priority')} allowDeselect={false} data={['low', 'normal', 'high', 'urgent'].map((p) => ({ value: p, label: t(`tasks.priority_${p}`) }))} {...form.getInputProps('priority')} />
            <Select label={t('tasks.recurrence')} allowDeselect={false} data={RECURRENCES.map((r) => ({ value: r, label: t(`tasks.recurrence_${RECURRENCE_LABELS[r] ?? 'custom'}`) }))
              .concat(form.values.recurrence && !RECURRENCES.includes(form.values.recurrence) ? [{ value: form.values.recurrence, label: form.values.recurrence }] : [])} {...form.getInputProps('recurrence')} />
          </Group>
          <Group grow>
            <TextInput type="datetime-local" label={t('tasks.reminderAt')} {...form.getInputProps('reminderAt')} />
            {meeting && <TextInput label={t('tasks.location')} {...form.getInputProps('location')} />}
          </Group>
          <Select label={t('tasks.assignee')} placeholder={t('tasks.assigneeMe')} searchable clearable data={memberOptions} {...form.getInputProps('ownerId')} onChange={(v) => form.setFieldValue('ownerId', v ?? '')} />
          {meeting && <MultiSelect label={t('tasks.attendees')} searchable data={memberOptions} {...form.getInputProps('attendeeUserIds')} error={form.errors['attendees.userIds']} />}
          {meeting && <ContactsPicker label={t('tasks.contactAttendees')} known={knownContacts} value={form.values.attendeeContactIds} onChange={(ids) => form.setFieldValue('attendeeContactIds', ids)} />}
          <Textarea label={t('tasks.description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          <Group justify="space-between">
            <Group gap="xs">
              {task && task.status === 'open' && <Button variant="light" color="green" loading={complete.isPending} onClick={() => complete.mutate()}>{t('tasks.complete')}</Button>}
              {task && <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>{t('tasks.delete')}</Button>}
            </Group>
            <Button type="submit" loading={form.submitting} data-testid="task-save">{t('tasks.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
