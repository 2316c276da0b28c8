import { Alert, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../i18n/format';
import { forecastApi, toMajor, type ForecastGroupBy, type ForecastPeriod } from './forecast-api';

const CATEGORIES = ['commit', 'best_case', 'pipeline', 'omitted'] as const;

/** Weighted pipeline: a stacked bar per period by group, category totals and the table. */
export function WeightedPipelineTab() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<ForecastPeriod>('month');
  const [groupBy, setGroupBy] = useState<ForecastGroupBy>('owner');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const dateOk = (v: string) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v);
  const query = useQuery({
    queryKey: ['forecast-pipeline', period, groupBy, from, to],
    queryFn: () => forecastApi.pipeline({ period, groupBy, from: from || undefined, to: to || undefined }),
    enabled: dateOk(from) && dateOk(to),
  });
  const data = query.data;
  const currencies = useMemo(() => [...new Set([data?.baseCurrency, ...(data?.rows ?? []).map((r) => r.currency)].filter((c): c is string => Boolean(c)))], [data]);
  const [picked, setPicked] = useState<string | null>(null);
  const currency = picked && currencies.includes(picked) ? picked : data?.baseCurrency ?? 'CNY';
  const rows = (data?.rows ?? []).filter((r) => r.currency === currency);
  const groups = [...new Map(rows.map((r) => [r.groupKey ?? '', r.groupLabel ?? '—'])).entries()];
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 50 },
    xAxis: { type: 'category', data: data?.periods ?? [] },
    yAxis: { type: 'value', name: currency },
    series: groups.map(([key, label]) => ({
      name: label, type: 'bar', stack: 'weighted',
      data: (data?.periods ?? []).map((p) => toMajor(rows.find((r) => r.period === p && (r.groupKey ?? '') === key)?.weightedMinor ?? 0, currency)),
    })),
  };
  return (
    <Stack gap="md" data-testid="forecast-pipeline">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl value={period} onChange={(v) => setPeriod(v as ForecastPeriod)} data={[{ value: 'month', label: t('forecast.month') }, { value: 'quarter', label: t('forecast.quarter') }]} />
        <Select label={t('forecast.groupBy')} value={groupBy} onChange={(v) => v && setGroupBy(v as ForecastGroupBy)} allowDeselect={false} w={160}
          data={(['owner', 'team', 'pipeline', 'product'] as const).map((g) => ({ value: g, label: t(`forecast.group_${g}`) }))} />
        <TextInput type="date" label={t('forecast.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('forecast.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        {currencies.length > 1 && <Select label={t('forecast.currency')} value={currency} onChange={setPicked} data={currencies} allowDeselect={false} w={110} />}
      </Group>
      {query.isError && <Alert color="red">{(query.error as Error).message}</Alert>}
      {currencies.length > 1 && <Text size="sm" c="dimmed">{t('forecast.currencyNote')}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {CATEGORIES.map((c) => {
          const total = data?.categories.find((x) => x.category === c && x.currency === currency);
          return (
            <Card key={c} withBorder padding="sm" data-testid={`forecast-category-${c}`}>
              <Text size="xs" c="dimmed">{t(`forecast.category_${c}`)}</Text>
              <Text fw={600}>{formatMoney(total?.weightedMinor ?? 0, currency)}</Text>
              <Text size="xs" c="dimmed">{t('forecast.dealsCount', { count: total?.count ?? 0 })} · {formatMoney(total?.amountMinor ?? 0, currency)}</Text>
            </Card>
          );
        })}
      </SimpleGrid>
      <Card withBorder>
        <ReactECharts option={option} style={{ height: 360 }} notMerge />
        {data && rows.length === 0 && <Text size="sm" c="dimmed" ta="center">{t('forecast.noOpenDeals')}</Text>}
      </Card>
      {data && data.withoutCloseDate.count > 0 && <Text size="sm" c="dimmed">{t('forecast.withoutCloseDate', { count: data.withoutCloseDate.count })}</Text>}
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('forecast.period')}</Table.Th><Table.Th>{t(`forecast.group_${groupBy}`)}</Table.Th><Table.Th>{t('forecast.deals')}</Table.Th>
              <Table.Th>{t('forecast.amount')}</Table.Th><Table.Th>{t('forecast.weighted')}</Table.Th>
              <Table.Th>{t('forecast.category_commit')}</Table.Th><Table.Th>{t('forecast.category_best_case')}</Table.Th><Table.Th>{t('forecast.category_pipeline')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.period}|${r.groupKey ?? ''}`}>
                <Table.Td>{r.period}</Table.Td><Table.Td>{r.groupLabel ?? '—'}</Table.Td><Table.Td>{r.count}</Table.Td>
                <Table.Td>{formatMoney(r.amountMinor, currency)}</Table.Td><Table.Td>{formatMoney(r.weightedMinor, currency)}</Table.Td>
                <Table.Td>{formatMoney(r.commitMinor, currency)}</Table.Td><Table.Td>{formatMoney(r.bestCaseMinor, currency)}</Table.Td><Table.Td>{formatMoney(r.pipelineMinor, currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">{t('forecast.pipelineExplain')}</Text>
    </Stack>
  );
}
