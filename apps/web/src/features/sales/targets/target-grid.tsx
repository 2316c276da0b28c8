import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { formatMoney } from '../../../i18n/format';
import { currencyDigits, gridColumns, targetsApi, type SaveCell, type TargetMetric, type TargetRow, type TTargetGridResponse } from './targets-api';

const rowKey = (r: Pick<TargetRow, 'scope' | 'scopeId'>) => `${r.scope}:${r.scopeId ?? ''}`;
const periodLabel = (key: string) => (/^\d{4}-\d{2}$/.test(key) ? String(Number(key.slice(5))) : key.includes('Q') ? key.slice(5) : key);

/**
 * The targets editor: rows are the company, departments (indented as a tree) and reps; columns
 * the 12 months, the quarters and the year. Quarters and the year are set on their own; where
 * they differ from the months below, the cell is marked and the difference listed.
 */
export function TargetGrid({ grid, metric }: { grid: TTargetGridResponse; metric: TargetMetric }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const columns = useMemo(() => gridColumns(grid.year), [grid.year]);
  const digits = currencyDigits(grid.currency);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [badCell, setBadCell] = useState<string | null>(null);
  const toMajor = (minor: number) => (minor / 10 ** digits).toFixed(digits).replace(/\.?0+$/, '');
  const stored = (row: TargetRow, period: string) => row.cells.find((c) => c.period === period);
  const cellId = (row: TargetRow, period: string) => `${rowKey(row)}|${period}`;
  const dirty = Object.keys(edits);

  const plan = () => {
    const cells: Array<SaveCell & { id: string }> = [];
    for (const id of dirty) {
      const [key, period] = id.split('|');
      const row = grid.rows.find((r) => rowKey(r) === key)!;
      const column = columns.find((c) => c.key === period)!;
      const text = edits[id].trim().replace(/,/g, '');
      const current = stored(row, period);
      const amountMinor = text === '' ? null : Math.round(Number(text) * 10 ** digits);
      if (amountMinor !== null && (!Number.isFinite(amountMinor) || amountMinor < 0)) throw new Error(t('targets.badNumber', { cell: `${row.name} · ${period}` }));
      if (amountMinor === (current?.amountMinor ?? null)) continue;
      cells.push({ id, scope: row.scope, scopeId: row.scopeId, periodKind: column.kind, periodStart: column.start, amountMinor, version: current?.version });
    }
    return cells;
  };

  const save = useMutation({
    mutationFn: async () => {
      const cells = plan();
      if (cells.length === 0) return { saved: 0, cleared: 0, unchanged: 0, cells };
      return { ...(await targetsApi.save(metric, cells.map(({ id: _id, ...c }) => c))), cells };
    },
    onSuccess: async (result) => {
      setEdits({});
      setBadCell(null);
      notifications.show({ color: 'green', message: t('targets.saved', { count: result.saved + result.cleared }) });
      await queryClient.invalidateQueries({ queryKey: ['targets'] });
    },
    onError: (error: Error) => {
      // The server names the cell as cells[i].field: point at it in the grid.
      const field = error instanceof ApiError ? Object.keys(error.fieldErrors)[0] ?? (error.details as { field?: string } | null)?.field : undefined;
      const index = field ? /^cells\[(\d+)\]/.exec(field)?.[1] : undefined;
      try {
        setBadCell(index === undefined ? null : plan()[Number(index)]?.id ?? null);
      } catch {
        setBadCell(null);
      }
      notifications.show({ color: 'red', title: t('targets.notSaved'), message: error.message });
    },
  });

  const warnings = grid.rows.flatMap((r) => r.warnings.map((w) => ({ row: r, ...w })));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('targets.gridHelp', { currency: grid.currency })}</Text>
        {grid.canEdit && (
          <Group gap="xs">
            {dirty.length > 0 && <Badge variant="light">{t('targets.unsaved', { count: dirty.length })}</Badge>}
            <Button variant="default" disabled={dirty.length === 0} onClick={() => { setEdits({}); setBadCell(null); }}>{t('targets.discard')}</Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={dirty.length === 0} data-testid="targets-save">{t('targets.save')}</Button>
          </Group>
        )}
      </Group>
      <Table.ScrollContainer minWidth={1500}>
        <Table withColumnBorders striped highlightOnHover style={{ fontSize: 13 }} data-testid="targets-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ minWidth: 180, position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>{t('targets.who')}</Table.Th>
              {columns.map((c) => <Table.Th key={c.key} style={{ minWidth: c.kind === 'month' ? 84 : 110, textAlign: 'right' }}>{c.kind === 'month' ? t('targets.monthShort', { month: periodLabel(c.key) }) : c.kind === 'quarter' ? periodLabel(c.key) : t('targets.year')}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.rows.map((row) => (
              <Table.Tr key={rowKey(row)} data-row={row.name}>
                <Table.Td style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1, paddingLeft: 8 + row.depth * 16 }}>
                  <Text size="sm" fw={row.scope === 'user' ? 400 : 600}>{row.name}</Text>
                </Table.Td>
                {columns.map((c) => {
                  const id = cellId(row, c.key);
                  const current = stored(row, c.key);
                  const value = edits[id] ?? (current ? toMajor(current.amountMinor) : '');
                  const warning = row.warnings.find((w) => w.period === c.key);
                  const sum = row.monthSums[c.key];
                  const placeholder = c.kind !== 'month' && sum ? `Σ ${toMajor(sum)}` : '';
                  if (!row.editable) {
                    return <Table.Td key={c.key} style={{ textAlign: 'right' }}>{current ? formatMoney(current.amountMinor, grid.currency) : <Text span c="dimmed" size="xs">{placeholder}</Text>}</Table.Td>;
                  }
                  return (
                    <Table.Td key={c.key} p={2}>
                      <TextInput
                        size="xs" value={value} placeholder={placeholder} inputMode="decimal" aria-label={`${row.name} ${c.key}`}
                        error={badCell === id}
                        styles={{ input: { textAlign: 'right', background: edits[id] !== undefined ? 'var(--mantine-color-yellow-light)' : undefined } }}
                        rightSection={warning ? <Tooltip label={t('targets.warning', { parts: t(`targets.parts.${warning.parts}`), sum: formatMoney(warning.partsSumMinor, grid.currency), target: formatMoney(warning.targetMinor, grid.currency) })}><IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" /></Tooltip> : undefined}
                        onChange={(e) => { const text = e.currentTarget.value; setEdits((prev) => ({ ...prev, [id]: text })); }}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {warnings.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} title={t('targets.warningsTitle')} data-testid="targets-warnings">
          <Stack gap={2}>
            {warnings.map((w) => (
              <Text key={`${rowKey(w.row)}-${w.period}`} size="sm">
                {w.row.name} · {w.period}: {t('targets.warning', { parts: t(`targets.parts.${w.parts}`), sum: formatMoney(w.partsSumMinor, grid.currency), target: formatMoney(w.targetMinor, grid.currency) })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
