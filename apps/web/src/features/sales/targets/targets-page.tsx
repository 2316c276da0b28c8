import { useState } from 'react';
import { Group, NumberInput, SegmentedControl, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { TargetGrid } from './target-grid';
import { TargetProgress } from './target-progress';
import { targetsApi, type TargetMetric } from './targets-api';

/** Targets (业绩目标): the yearly grid editor and the progress against actual figures. */
export function TargetsPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const [metric, setMetric] = useState<TargetMetric>('new_sales');
  const [tab, setTab] = useState<string | null>('grid');
  const grid = useQuery({ queryKey: ['targets', 'grid', year, metric], queryFn: () => targetsApi.grid(year, metric), enabled: year >= 2000 && year <= 2100 });
  return (
    <Stack gap="md" data-testid="targets-page">
      <PageHeader title={t('targets.title')} description={t('targets.description')} />
      <Group gap="sm" wrap="wrap">
        <NumberInput aria-label={t('targets.yearLabel')} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} min={2000} max={2100} w={110} allowDecimal={false} />
        <SegmentedControl value={metric} onChange={(v) => setMetric(v as TargetMetric)} data={[{ value: 'new_sales', label: t('targets.metric.new_sales') }, { value: 'collected', label: t('targets.metric.collected') }]} />
      </Group>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="grid">{t('targets.tabGrid')}</Tabs.Tab>
          <Tabs.Tab value="progress">{t('targets.tabProgress')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grid" pt="md">
          {grid.data ? <TargetGrid key={`${year}-${metric}`} grid={grid.data} metric={metric} /> : <QueryState query={grid} />}
        </Tabs.Panel>
        <Tabs.Panel value="progress" pt="md">
          {tab === 'progress' && <TargetProgress year={year} metric={metric} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
