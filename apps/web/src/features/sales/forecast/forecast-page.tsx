import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatisticalTab } from './statistical-tab';
import { WeightedPipelineTab } from './weighted-pipeline-tab';
import { WinProbabilityTab } from './win-probability-tab';

/** Forecast (S8): weighted pipeline, statistical forecast and win probability. */
export function ForecastPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('pipeline');
  return (
    <Stack gap="md" data-testid="forecast-page">
      <Title order={2}>{t('forecast.title')}</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="pipeline">{t('forecast.tabPipeline')}</Tabs.Tab>
          <Tabs.Tab value="statistical">{t('forecast.tabStatistical')}</Tabs.Tab>
          <Tabs.Tab value="win">{t('forecast.tabWin')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pipeline" pt="md"><WeightedPipelineTab /></Tabs.Panel>
        <Tabs.Panel value="statistical" pt="md"><StatisticalTab /></Tabs.Panel>
        <Tabs.Panel value="win" pt="md"><WinProbabilityTab /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
