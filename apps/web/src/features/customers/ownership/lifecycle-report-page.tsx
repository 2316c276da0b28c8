import { useState } from 'react';
import { Card, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import type { CustomerObject } from '../record-config';
import { ownershipApi } from './ownership-api';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Lifecycle report: records entering each stage in a period, as a funnel with conversions. */
export function LifecycleReportPage() {
  const { t } = useTranslation();
  const [object, setObject] = useState<CustomerObject>('contact');
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 89 * 86_400_000)));
  const [to, setTo] = useState(isoDay(new Date()));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const funnel = useQuery({ queryKey: ['lifecycle-funnel', object, from, to], queryFn: () => ownershipApi.funnel({ object, from, to }), enabled: valid });
  const stages = funnel.data?.stages ?? [];
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', gap: 2,
      label: { show: true, position: 'inside', formatter: '{b}: {c}' },
      data: stages.map((s) => ({ name: t(`ownership.stage_${s.stage}`), value: s.entered })),
    }],
  };
  return (
    <Stack gap="md" data-testid="lifecycle-report">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('ownership.funnelTitle')}</Title>
        <SegmentedControl value={object} onChange={(v) => setObject(v as CustomerObject)} data={[{ value: 'contact', label: t('ownership.contacts') }, { value: 'account', label: t('ownership.accounts') }]} />
      </Group>
      <Group gap="sm">
        <TextInput type="date" label={t('ownership.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('ownership.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {funnel.isError && <Text c="red">{(funnel.error as Error).message}</Text>}
      <Card withBorder>
        <ReactECharts option={option} style={{ height: 420 }} notMerge />
      </Card>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('ownership.stage')}</Table.Th><Table.Th>{t('ownership.entered')}</Table.Th><Table.Th>{t('ownership.conversion')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {stages.map((s) => (
              <Table.Tr key={s.stage}>
                <Table.Td>{t(`ownership.stage_${s.stage}`)}</Table.Td>
                <Table.Td>{s.entered}</Table.Td>
                <Table.Td>{s.conversionToNext === null ? '—' : `${Math.round(s.conversionToNext * 1000) / 10}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {funnel.data && <Text size="sm" c="dimmed">{t('ownership.churnedCount', { count: funnel.data.churned })}</Text>}
    </Stack>
  );
}
