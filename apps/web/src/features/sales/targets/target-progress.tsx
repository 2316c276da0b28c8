import { useState } from 'react';
import { Alert, Badge, Card, Group, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { formatMoney } from '../../../i18n/format';
import { currencyDigits, targetsApi, type PeriodKind, type TargetMetric } from './targets-api';

const PACE_COLOR: Record<string, string> = { ahead: 'green', behind: 'red', not_started: 'gray', none: 'gray' };

/** Progress against targets: target vs actual bars with the pace line for one row, and each row's current period as a bar. */
export function TargetProgress({ year, metric }: { year: number; metric: TargetMetric }) {
  const { t } = useTranslation();
  const [periodKind, setPeriodKind] = useState<PeriodKind>('month');
  const [rowKey, setRowKey] = useState<string | null>(null);
  const progress = useQuery({ queryKey: ['targets', 'progress', year, metric, periodKind], queryFn: () => targetsApi.progress({ year, metric, periodKind }) });
  const data = progress.data;
  if (!data) return <QueryState query={progress} />;
  const keyOf = (r: { scope: string; scopeId: string | null }) => `${r.scope}:${r.scopeId ?? ''}`;
  const selected = data.rows.find((r) => keyOf(r) === rowKey) ?? data.rows[0];
  const digits = currencyDigits(data.currency);
  const major = (minor: number | null) => (minor === null ? null : minor / 10 ** digits);
  // The period that contains today, or the last one of a past year, or the first of a future one.
  const currentIndex = (() => {
    const periods = selected?.periods ?? [];
    const i = periods.findIndex((p) => p.periodStart <= data.today && data.today <= p.periodEnd);
    return i >= 0 ? i : periods.length && data.today > periods[periods.length - 1].periodEnd ? periods.length - 1 : 0;
  })();
  const current = selected?.periods[currentIndex];
  const money = (minor: number | null) => (minor === null ? '—' : formatMoney(minor, data.currency));
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('targets.target'), t('targets.actual'), t('targets.expected')] },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: selected?.periods.map((p) => p.period) ?? [] },
    yAxis: { type: 'value' },
    series: [
      { name: t('targets.target'), type: 'bar', data: selected?.periods.map((p) => major(p.targetMinor)) ?? [], itemStyle: { color: '#adb5bd' } },
      { name: t('targets.actual'), type: 'bar', data: selected?.periods.map((p) => major(p.actualMinor)) ?? [], itemStyle: { color: '#228be6' } },
      { name: t('targets.expected'), type: 'line', data: selected?.periods.map((p) => major(p.expectedMinor)) ?? [], lineStyle: { type: 'dashed' }, itemStyle: { color: '#fd7e14' } },
    ],
  };
  const gauge = {
    series: [{
      type: 'gauge', min: 0, max: 150, splitNumber: 6, progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
      axisTick: { show: false }, splitLine: { length: 8, distance: 2 }, axisLabel: { distance: 22, fontSize: 10 }, title: { show: false },
      detail: { formatter: '{value}%', fontSize: 22, offsetCenter: [0, '10%'] }, pointer: { show: false },
      data: [{ value: current?.percent ?? 0, name: current?.period ?? '' }],
    }],
  };
  return (
    <Stack gap="md" data-testid="targets-progress">
      <Group gap="sm" wrap="wrap">
        <SegmentedControl value={periodKind} onChange={(v) => setPeriodKind(v as PeriodKind)} data={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(`targets.kind.${k}`) }))} />
        <Select aria-label={t('targets.who')} value={selected ? keyOf(selected) : null} onChange={setRowKey} data={data.rows.map((r) => ({ value: keyOf(r), label: `${'　'.repeat(r.depth)}${r.name}` }))} allowDeselect={false} w={260} />
      </Group>
      {data.unavailableReason && <Alert color="yellow" data-testid="targets-unavailable">{data.unavailableReason}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder style={{ gridColumn: 'span 2' }}>
          <ReactECharts option={bars} style={{ height: 320 }} notMerge />
        </Card>
        <Card withBorder>
          <Text fw={600}>{selected?.name} · {current?.period}</Text>
          <ReactECharts option={gauge} style={{ height: 220 }} notMerge />
          <Text size="sm">{t('targets.target')}: {money(current?.targetMinor ?? null)}</Text>
          <Text size="sm">{t('targets.actual')}: {money(current?.actualMinor ?? null)}</Text>
          <Text size="sm">{t('targets.expected')}: {money(current?.expectedMinor ?? null)}</Text>
        </Card>
      </SimpleGrid>
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('targets.who')}</Table.Th><Table.Th>{t('targets.target')}</Table.Th><Table.Th>{t('targets.actual')}</Table.Th>
              <Table.Th style={{ width: '30%' }}>{t('targets.completion')}</Table.Th><Table.Th>{t('targets.pace')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => {
              const p = r.periods[currentIndex];
              return (
                <Table.Tr key={keyOf(r)} data-row={r.name}>
                  <Table.Td style={{ paddingLeft: 8 + r.depth * 16 }}>{r.name}</Table.Td>
                  <Table.Td>{money(p?.targetMinor ?? null)}</Table.Td>
                  <Table.Td>{money(p?.actualMinor ?? null)}</Table.Td>
                  <Table.Td>
                    {p?.percent === null || p?.percent === undefined ? <Text c="dimmed" size="sm">—</Text> : (
                      <Group gap="xs" wrap="nowrap"><Progress value={Math.min(100, p.percent)} color={p.percent >= 100 ? 'green' : 'blue'} style={{ flex: 1 }} /><Text size="sm">{p.percent}%</Text></Group>
                    )}
                  </Table.Td>
                  <Table.Td><Badge color={PACE_COLOR[p?.pace ?? 'none']} variant="light">{t(`targets.paceStatus.${p?.pace ?? 'none'}`)}</Badge></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
