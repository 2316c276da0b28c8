import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { TaskFormModal, type TaskDraft } from './task-form-modal';
import { sameDay, taskTime, tasksApi, TASKS_KEY, type TTask } from './tasks-api';

type View = 'month' | 'week' | 'day';
const HOURS = Array.from({ length: 15 }, (_, i) => i + 7);

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const mondayOf = (d: Date) => addDays(startOfDay(d), -((d.getDay() + 6) % 7));

/** The days a view shows: six weeks around the month, one week, or one day. */
function daysOf(view: View, anchor: Date): Date[] {
  if (view === 'day') return [startOfDay(anchor)];
  const first = view === 'month' ? mondayOf(new Date(anchor.getFullYear(), anchor.getMonth(), 1)) : mondayOf(anchor);
  return Array.from({ length: view === 'month' ? 42 : 7 }, (_, i) => addDays(first, i));
}

function Chip({ task, onOpen }: { task: TTask; onOpen: (t: TTask) => void }) {
  const { i18n } = useTranslation();
  const at = taskTime(task);
  return (
    <UnstyledButton onClick={(e) => { e.stopPropagation(); onOpen(task); }} data-testid="calendar-item" style={{ display: 'block', width: '100%' }}>
      <Badge fullWidth radius="sm" variant={task.kind === 'meeting' ? 'filled' : 'light'} color={task.status === 'done' ? 'gray' : task.kind === 'meeting' ? 'teal' : 'blue'} tt="none" styles={{ label: { textAlign: 'left' } }}>
        {at && !task.allDay ? `${new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })} ` : ''}{task.title}
      </Badge>
    </UnstyledButton>
  );
}

/** Month, week and day views of tasks and meetings; click an item to edit it, a day or an hour to create one. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('month');
  const [anchor, setAnchor] = useState(() => startOfDay(new Date()));
  const [mineOnly, setMineOnly] = useState(true);
  const [open, setOpen] = useState<TTask | null>(null);
  const [draft, setDraft] = useState<TaskDraft | null>(null);
  const days = useMemo(() => daysOf(view, anchor), [view, anchor]);
  const from = days[0];
  const to = addDays(days[days.length - 1], 1);
  const list = useQuery({
    queryKey: [...TASKS_KEY, 'calendar', from.toISOString(), to.toISOString(), mineOnly],
    queryFn: () => tasksApi.list({ from: from.toISOString(), to: to.toISOString(), status: 'open,done', sort: 'dueAt', ...(mineOnly ? { mine: 'true' as const } : {}) }),
  });
  const items = (list.data?.data ?? []).slice().sort((a, b) => (taskTime(a) ?? '').localeCompare(taskTime(b) ?? ''));
  const on = (day: Date) => items.filter((x) => { const s = taskTime(x); return s && sameDay(new Date(s), day); });
  const move = (n: number) => setAnchor((a) => (view === 'month' ? new Date(a.getFullYear(), a.getMonth() + n, 1) : addDays(a, n * (view === 'week' ? 7 : 1))));
  const createAt = (day: Date, hour?: number) => {
    if (hour === undefined) setDraft({ kind: 'task', dueAt: new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9).toISOString() });
    else {
      const start = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour);
      setDraft({ kind: 'meeting', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString(), dueAt: start.toISOString() });
    }
  };
  const title = view === 'day'
    ? anchor.toLocaleDateString(i18n.language, { dateStyle: 'full' })
    : view === 'week' ? `${days[0].toLocaleDateString(i18n.language, { dateStyle: 'medium' })} – ${days[6].toLocaleDateString(i18n.language, { dateStyle: 'medium' })}`
    : anchor.toLocaleDateString(i18n.language, { year: 'numeric', month: 'long' });
  const today = new Date();
  const weekdayNames = days.slice(0, 7).map((d) => d.toLocaleDateString(i18n.language, { weekday: 'short' }));

  return (
    <Stack>
      <PageHeader title={t('tasks.calendar')} description={t('tasks.calendarDescription')} actions={<Button onClick={() => createAt(anchor)}>{t('tasks.new')}</Button>} />
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <ActionIcon variant="default" aria-label={t('tasks.previous')} onClick={() => move(-1)}><IconChevronLeft size={16} /></ActionIcon>
          <Button variant="default" size="xs" onClick={() => setAnchor(startOfDay(new Date()))}>{t('tasks.todayButton')}</Button>
          <ActionIcon variant="default" aria-label={t('tasks.next')} onClick={() => move(1)}><IconChevronRight size={16} /></ActionIcon>
          <Text fw={600} data-testid="calendar-title">{title}</Text>
        </Group>
        <Group gap="sm">
          <Switch size="sm" label={t('tasks.mineOnly')} checked={mineOnly} onChange={(e) => setMineOnly(e.currentTarget.checked)} />
          <SegmentedControl size="xs" value={view} onChange={(v) => setView(v as View)} data={(['month', 'week', 'day'] as const).map((v) => ({ value: v, label: t(`tasks.view_${v}`) }))} data-testid="calendar-view" />
        </Group>
      </Group>
      <QueryState query={list} />
      {view === 'month' ? (
        <Box>
          <SimpleGrid cols={7} spacing={0}>{weekdayNames.map((n) => <Text key={n} size="xs" c="dimmed" ta="center" py={4}>{n}</Text>)}</SimpleGrid>
          <SimpleGrid cols={7} spacing={0} data-testid="calendar-month">
            {days.map((day) => (
              <Paper key={day.getTime()} withBorder radius={0} p={4} mih={96} style={{ cursor: 'pointer', opacity: day.getMonth() === anchor.getMonth() ? 1 : 0.5 }} onClick={() => createAt(day)} data-testid="calendar-day">
                <Text size="xs" fw={sameDay(day, today) ? 700 : 400} c={sameDay(day, today) ? 'blue' : undefined}>{day.getDate()}</Text>
                <Stack gap={2}>
                  {on(day).slice(0, 4).map((x) => <Chip key={x.id} task={x} onOpen={setOpen} />)}
                  {on(day).length > 4 && <UnstyledButton onClick={(e) => { e.stopPropagation(); setAnchor(day); setView('day'); }}><Text size="xs" c="dimmed">{t('tasks.more', { count: on(day).length - 4 })}</Text></UnstyledButton>}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Box>
      ) : (
        <Box style={{ overflowX: 'auto' }} data-testid={`calendar-${view}`}>
          <Box style={{ display: 'grid', gridTemplateColumns: `56px repeat(${days.length}, minmax(120px, 1fr))` }}>
            <div />
            {days.map((d) => (
              <UnstyledButton key={d.getTime()} onClick={() => { setAnchor(d); setView('day'); }} py={4}>
                <Text size="xs" ta="center" fw={sameDay(d, today) ? 700 : 500} c={sameDay(d, today) ? 'blue' : undefined}>{d.toLocaleDateString(i18n.language, { weekday: 'short', month: 'numeric', day: 'numeric' })}</Text>
              </UnstyledButton>
            ))}
            <Text size="xs" c="dimmed" py={4}>{t('tasks.early')}</Text>
            {days.map((d) => (
              <Paper key={d.getTime()} withBorder radius={0} p={2} mih={32} onClick={() => createAt(d)} style={{ cursor: 'pointer' }}>
                <Stack gap={2}>{on(d).filter((x) => new Date(taskTime(x)!).getHours() < HOURS[0]).map((x) => <Chip key={x.id} task={x} onOpen={setOpen} />)}</Stack>
              </Paper>
            ))}
            {HOURS.map((h) => [
              <Text key={`h${h}`} size="xs" c="dimmed" py={4}>{String(h).padStart(2, '0')}:00</Text>,
              ...days.map((d) => (
                <Paper key={`${d.getTime()}-${h}`} withBorder radius={0} p={2} mih={40} onClick={() => createAt(d, h)} style={{ cursor: 'pointer' }} data-testid="calendar-slot">
                  <Stack gap={2}>
                    {on(d).filter((x) => { const hour = new Date(taskTime(x)!).getHours(); return h === HOURS[HOURS.length - 1] ? hour >= h : hour === h; }).map((x) => <Chip key={x.id} task={x} onOpen={setOpen} />)}
                  </Stack>
                </Paper>
              )),
            ])}
          </Box>
        </Box>
      )}
      <TaskFormModal opened={!!open || !!draft} task={open} draft={draft ?? undefined} onClose={() => { setOpen(null); setDraft(null); }} />
    </Stack>
  );
}

