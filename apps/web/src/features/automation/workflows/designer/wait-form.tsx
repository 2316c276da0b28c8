import { NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TCatalogObject, TWorkflowCatalog, TWorkflowNode, TWorkflowWait } from '../workflows-api';
import { DurationInput } from './duration-input';

const combo = { withinPortal: true };

/** A wait: for a duration, until a date (fixed or a date field of the record ± days), or for an event with a timeout. */
export function WaitForm({ node, catalog, object, onChange, errors }: { node: TWorkflowNode; catalog: TWorkflowCatalog; object: TCatalogObject | undefined; onChange: (node: TWorkflowNode) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const wait: TWorkflowWait = node.wait ?? { mode: 'duration' };
  const set = (patch: Partial<TWorkflowWait>) => onChange({ ...node, wait: { ...wait, ...patch } });
  const err = (key: string) => errors[`wait.${key}`];
  const until = wait.until ?? {};
  const dateFields = object ? object.fields.filter((f) => object.dateFields.includes(f.key)) : [];
  const setMode = (mode: TWorkflowWait['mode']) => onChange({
    ...node,
    wait: mode === 'duration' ? { mode, duration: { amount: 1, unit: 'days' } } : mode === 'until' ? { mode, until: {} } : { mode, timeout: { amount: 72, unit: 'hours' } },
  });
  return (
    <Stack gap="sm">
      <SegmentedControl value={wait.mode} onChange={(v) => setMode(v as TWorkflowWait['mode'])} fullWidth
        data={(['duration', 'until', 'event'] as const).map((m) => ({ value: m, label: t(`workflows.wait.modes.${m}`) }))} data-testid="wf-wait-mode" />
      {wait.mode === 'duration' && <DurationInput label={t('workflows.wait.duration')} required value={wait.duration} onChange={(duration) => set({ duration })} error={err('duration')} />}
      {wait.mode === 'until' && (
        <>
          <TextInput label={t('workflows.wait.at')} type="datetime-local" value={until.at ? until.at.slice(0, 16) : ''} disabled={Boolean(until.field)}
            onChange={(e) => set({ until: { at: e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : undefined } })} error={err('until.at') ?? err('until')} />
          <Text size="xs" c="dimmed" ta="center">{t('workflows.wait.or')}</Text>
          <Select label={t('workflows.wait.dateField')} data={dateFields.map((f) => ({ value: f.key, label: f.label }))} value={until.field ?? null} clearable
            onChange={(v) => set({ until: v ? { field: v, offsetDays: until.offsetDays ?? 0 } : {} })} comboboxProps={combo} error={err('until.field')} />
          {until.field && <NumberInput label={t('workflows.trigger.offsetDays')} description={t('workflows.trigger.offsetDaysHelp')} min={-3650} max={3650} allowDecimal={false} value={until.offsetDays ?? 0}
            onChange={(v) => set({ until: { ...until, offsetDays: typeof v === 'number' ? v : 0 } })} />}
        </>
      )}
      {wait.mode === 'event' && (
        <>
          <Select label={t('workflows.wait.event')} required data={catalog.events.map((e) => ({ value: e.event, label: e.label }))} value={wait.event ?? null} searchable
            onChange={(v) => set({ event: v ?? undefined })} comboboxProps={combo} error={err('event')} />
          <DurationInput label={t('workflows.wait.timeout')} description={t('workflows.wait.timeoutHelp')} required value={wait.timeout} onChange={(timeout) => set({ timeout })} error={err('timeout')} />
        </>
      )}
      {errors.wait && <Text size="xs" c="red">{errors.wait}</Text>}
    </Stack>
  );
}
