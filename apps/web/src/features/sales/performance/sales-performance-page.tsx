import { useState } from 'react';
import { Badge, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconMedal } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { departmentsApi } from '../../../api/platform';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatMoney } from '../../../i18n/format';
import { dealsApi, labelOf } from '../deals/deals-api';
import { performanceApi, presetRange, type PerformanceFilters, type PerformanceSort } from './performance-api';

const MEDALS = ['#f2c200', '#a7b1bb', '#cd7f32'];
const SORTS: PerformanceSort[] = ['wonAmount', 'wonCount', 'winRate', 'avgCycleDays', 'activities', 'openPipeline'];
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** Sales performance (销售业绩): KPI cards, the leaderboard, the stage funnel and activities per rep. */
export function SalesPerformancePage() {
  const { t, i18n } = useTranslation();
  const [preset, setPreset] = useState<'month' | 'quarter' | 'year' | 'custom'>('quarter');
  const [filters, setFilters] = useState<PerformanceFilters>({ ...presetRange('quarter'), sort: 'wonAmount' });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: dealsApi.pipelines });
  const departments = useQuery({ queryKey: ['departments'], queryFn: departmentsApi.list, retry: false });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(filters.from) && /^\d{4}-\d{2}-\d{2}$/.test(filters.to);
  const report = useQuery({ queryKey: ['sales-performance', filters], queryFn: () => performanceApi.report(filters), enabled: valid, placeholderData: keepPreviousData });
  const data = report.data;
  const money = (minor: number) => formatMoney(minor, data?.currency ?? 'CNY');
  const choosePreset = (value: string) => {
    setPreset(value as typeof preset);
    if (value !== 'custom') setFilters((f) => ({ ...f, ...presetRange(value as 'month' | 'quarter' | 'year') }));
  };
  const funnel = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '10%', gap: 2,
      label: { show: true, position: 'inside', formatter: '{b}: {c}' },
      data: (data?.funnel.steps ?? []).map((s) => ({ name: s.name, value: s.reached })),
    }],
  };
  const reps = data?.reps ?? [];
  const activities = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('performance.tasksCompleted'), t('performance.stageMoves')] },
    grid: { left: 100, right: 20, top: 30, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: reps.map((r) => r.name), inverse: true },
    series: [
      { name: t('performance.tasksCompleted'), type: 'bar', stack: 'a', data: reps.map((r) => r.tasksCompleted) },
      { name: t('performance.stageMoves'), type: 'bar', stack: 'a', data: reps.map((r) => r.stageMoves) },
    ],
  };
  const kpis = data ? [
    { key: 'wonAmount', label: t('performance.wonAmount'), value: money(data.totals.wonAmountMinor) },
    { key: 'wonCount', label: t('performance.wonCount'), value: String(data.totals.wonCount) },
    { key: 'winRate', label: t('performance.winRate'), value: pct(data.totals.winRate) },
    { key: 'avgCycle', label: t('performance.avgCycle'), value: data.totals.avgCycleDays === null ? '—' : t('performance.days', { count: data.totals.avgCycleDays }) },
    { key: 'activities', label: t('performance.activities'), value: String(data.totals.activities) },
    { key: 'openPipeline', label: t('performance.openPipeline'), value: money(data.totals.openPipelineMinor) },
  ] : [];
  return (
    <Stack gap="md" data-testid="sales-performance">
      <PageHeader title={t('performance.title')} description={t('performance.description')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl value={preset} onChange={choosePreset} data={(['month', 'quarter', 'year', 'custom'] as const).map((p) => ({ value: p, label: t(`performance.preset.${p}`) }))} />
        <TextInput type="date" label={t('performance.from')} value={filters.from} onChange={(e) => { const from = e.currentTarget.value; setPreset('custom'); setFilters((f) => ({ ...f, from })); }} />
        <TextInput type="date" label={t('performance.to')} value={filters.to} onChange={(e) => { const to = e.currentTarget.value; setPreset('custom'); setFilters((f) => ({ ...f, to })); }} />
        <Select label={t('performance.pipeline')} placeholder={t('performance.defaultPipeline')} clearable value={filters.pipelineId ?? null} onChange={(v) => setFilters((f) => ({ ...f, pipelineId: v ?? undefined }))}
          data={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: labelOf(p, i18n.language) }))} w={200} />
        <Select label={t('performance.department')} placeholder={t('performance.allDepartments')} clearable value={filters.departmentId ?? null} onChange={(v) => setFilters((f) => ({ ...f, departmentId: v ?? undefined }))}
          data={(departments.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))} w={200} />
      </Group>
      {!data && <QueryState query={report} />}
      {report.isError && data && <QueryState query={report} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }}>
            {kpis.map((k) => (
              <Card key={k.key} withBorder padding="sm" data-testid={`kpi-${k.key}`}>
                <Text size="xs" c="dimmed">{k.label}</Text>
                <Text fw={700} size="lg">{k.value}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{t('performance.leaderboard')}</Text>
              <Select aria-label={t('performance.sortBy')} value={filters.sort} onChange={(v) => v && setFilters((f) => ({ ...f, sort: v as PerformanceSort }))} data={SORTS.map((s) => ({ value: s, label: t(`performance.sort.${s}`) }))} w={200} allowDeselect={false} />
            </Group>
            <Table.ScrollContainer minWidth={820}>
              <Table striped data-testid="leaderboard">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th><Table.Th>{t('performance.rep')}</Table.Th><Table.Th>{t('performance.wonAmount')}</Table.Th><Table.Th>{t('performance.wonCount')}</Table.Th>
                    <Table.Th>{t('performance.lostCount')}</Table.Th><Table.Th>{t('performance.winRate')}</Table.Th><Table.Th>{t('performance.avgCycle')}</Table.Th>
                    <Table.Th>{t('performance.activities')}</Table.Th><Table.Th>{t('performance.openPipeline')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reps.length === 0 && <Table.Tr><Table.Td colSpan={9}><Text c="dimmed" size="sm">{t('performance.empty')}</Text></Table.Td></Table.Tr>}
                  {reps.map((r) => (
                    <Table.Tr key={r.userId} data-rep={r.name}>
                      <Table.Td>{r.rank <= 3 ? <IconMedal size={20} color={MEDALS[r.rank - 1]} aria-label={t('performance.place', { rank: r.rank })} /> : r.rank}</Table.Td>
                      <Table.Td fw={r.rank <= 3 ? 600 : 400}>{r.name}</Table.Td>
                      <Table.Td>{money(r.wonAmountMinor)}</Table.Td>
                      <Table.Td>{r.wonCount}</Table.Td>
                      <Table.Td>{r.lostCount}</Table.Td>
                      <Table.Td>{pct(r.winRate)}</Table.Td>
                      <Table.Td>{r.avgCycleDays === null ? '—' : t('performance.days', { count: r.avgCycleDays })}</Table.Td>
                      <Table.Td>{r.activities}</Table.Td>
                      <Table.Td>{money(r.openPipelineMinor)} <Badge size="xs" variant="light">{r.openCount}</Badge></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder data-testid="stage-funnel">
              <Text fw={600}>{t('performance.funnel')}</Text>
              <Text size="xs" c="dimmed">{t('performance.cohort', { count: data.funnel.cohort })}</Text>
              <ReactECharts option={funnel} style={{ height: 320 }} notMerge />
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('performance.stage')}</Table.Th><Table.Th>{t('performance.reached')}</Table.Th><Table.Th>{t('performance.toNext')}</Table.Th><Table.Th>{t('performance.fromFirst')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.funnel.steps.map((s) => (
                    <Table.Tr key={s.stageId ?? 'won'}><Table.Td>{s.name}</Table.Td><Table.Td>{s.reached}</Table.Td><Table.Td>{pct(s.conversionToNext)}</Table.Td><Table.Td>{pct(s.conversionFromFirst)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Text fw={600}>{t('performance.activitiesPerRep')}</Text>
              {reps.length > 0 ? <ReactECharts option={activities} style={{ height: Math.max(240, 40 + reps.length * 32) }} notMerge /> : <Text c="dimmed" size="sm" py="xl">{t('performance.empty')}</Text>}
              <Text size="xs" c="dimmed">{data.activitiesNote}</Text>
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
