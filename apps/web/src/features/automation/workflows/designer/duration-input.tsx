import { Group, Input, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TWorkflowDuration } from '@voyage/contracts';

const UNITS = ['minutes', 'hours', 'days'] as const;

/** An amount and a unit (minutes, hours, days), as waits and actions store durations. */
export function DurationInput({ label, description, required, error, value, onChange, 'data-testid': testId }: { label: string; description?: string; required?: boolean; error?: string; value: TWorkflowDuration | undefined; onChange: (v: TWorkflowDuration) => void; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const current = value ?? { amount: 1, unit: 'days' as const };
  return (
    <Input.Wrapper label={label} description={description} required={required} error={error} data-testid={testId}>
      <Group gap="xs" wrap="nowrap">
        <NumberInput aria-label={t('workflows.amount')} min={1} max={100_000} allowDecimal={false} style={{ flex: 1 }} value={current.amount}
          onChange={(v) => onChange({ ...current, amount: typeof v === 'number' ? v : 1 })} />
        <Select aria-label={t('workflows.unit')} style={{ flex: 1 }} allowDeselect={false} data={UNITS.map((u) => ({ value: u, label: t(`workflows.unitNames.${u}`) }))} value={current.unit}
          onChange={(v) => v && onChange({ ...current, unit: v as TWorkflowDuration['unit'] })} comboboxProps={{ withinPortal: true }} />
      </Group>
    </Input.Wrapper>
  );
}
