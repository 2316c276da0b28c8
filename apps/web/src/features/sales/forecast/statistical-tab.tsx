import { Alert, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../i18n/format';
import { forecastApi, toMajor } from './forecast-api';

/** Statistical forecast: won history, the fit, the next quarters and their 80% band. */
export function StatisticalTab() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['forecast-statistical'], queryFn: () => forecastApi.statistical() });
  const data = query.data;
  if (query.isError) return <Alert color="red">{(query.error as Error).message}</Alert>;
  if (!data) return null;
  const c = data.currency;
  const major = (v: number | null) => (v === null ? null : toMajor(v, c));
  const points = data.points;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [t('forecast.actual'), t('forecast.fitted'), t('forecast.forecast'), t('forecast.band')] },
    grid: { left: 70, right: 20, top: 36, bottom: 50 },
    xAxis: { type: 'category', data: points.map((p) => p.quarter) },
    yAxis: { type: 'value', name: c },
    series: [
      // The band is drawn as a transparent lower edge with the band's width stacked on top.
      { name: 'low', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, data: points.map((p) => major(p.lowMinor)) },
      { name: t('forecast.band'), type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(34, 139, 230, 0.2)' }, data: points.map((p) => (p.lowMinor === null || p.highMinor === null ? null : toMajor(p.highMinor - p.lowMinor, c))) },
      { name: t('forecast.actual'), type: 'line', data: points.map((p) => major(p.actualMinor)) },
      { name: t('forecast.fitted'), type: 'line', lineStyle: { type: 'dashed' }, symbol: 'none', data: points.map((p) => major(p.fittedMinor)) },
      { name: t('forecast.forecast'), type: 'line', lineStyle: { width: 3 }, data: points.map((p) => major(p.forecastMinor)) },
    ],
  };
  const ahead = points.filter((p) => p.forecastMinor !== null);
  return (
    <Stack gap="md" data-testid="forecast-statistical">
      {data.notEnoughHistory && <Alert color={data.model === 'none' ? 'yellow' : 'blue'} data-testid="forecast-history-note">{data.notEnoughHistory.message}</Alert>}
      <Group gap="sm">
        <Badge variant="light">{t(`forecast.model_${data.model}`)}</Badge>
        <Text size="sm">{t('forecast.historyQuarters', { count: data.historyQuarters })}</Text>
        {data.backtest && (
          <Text size="sm" data-testid="forecast-backtest">
            {t('forecast.backtest', { folds: data.backtest.folds, mape: data.backtest.mape === null ? '—' : `${(data.backtest.mape * 100).toFixed(1)}%`, mae: data.backtest.maeMinor === null ? '—' : formatMoney(data.backtest.maeMinor, c) })}
          </Text>
        )}
      </Group>
      {data.otherCurrencyDeals > 0 && <Text size="sm" c="dimmed">{t('forecast.otherCurrency', { count: data.otherCurrencyDeals, currency: c })}</Text>}
      {points.length > 0 && <Card withBorder><ReactECharts option={option} style={{ height: 360 }} notMerge /></Card>}
      {ahead.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('forecast.quarter')}</Table.Th><Table.Th>{t('forecast.forecast')}</Table.Th><Table.Th>{t('forecast.bandRange', { level: Math.round(data.bandLevel * 100) })}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {ahead.map((p) => (
                <Table.Tr key={p.quarter}>
                  <Table.Td>{p.quarter}</Table.Td><Table.Td>{formatMoney(p.forecastMinor ?? 0, c)}</Table.Td>
                  <Table.Td>{formatMoney(p.lowMinor ?? 0, c)} – {formatMoney(p.highMinor ?? 0, c)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">{t('forecast.statisticalExplain')}</Text>
    </Stack>
  );
}
