import { Alert, Anchor, Badge, Group, Pagination, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../i18n/format';
import { forecastApi, type TForecastCategory, type TWinProbabilityResponse } from './forecast-api';

const PAGE = 50;
type Deal = TWinProbabilityResponse['data'][number];

/** Win probability: the model's held-out AUC and each open deal's probability beside its stage's. */
export function WinProbabilityTab() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = useQuery({ queryKey: ['forecast-win', page], queryFn: () => forecastApi.winProbability({ limit: PAGE, offset: (page - 1) * PAGE }) });
  const data = query.data;
  if (query.isError) return <Alert color="red">{(query.error as Error).message}</Alert>;
  if (!data) return null;
  const m = data.model;
  return (
    <Stack gap="md" data-testid="forecast-win">
      {m.notEnoughHistory
        ? <Alert color="yellow" data-testid="forecast-win-note">{m.notEnoughHistory.message}</Alert>
        : (
          <Group gap="sm">
            <Badge size="lg" variant="light" data-testid="forecast-auc">AUC {m.auc === null ? '—' : m.auc.toFixed(3)}</Badge>
            <Text size="sm">{t('forecast.trainedOn', { count: m.closedDeals, won: m.won, lost: m.lost, heldOut: m.heldOut })}</Text>
          </Group>
        )}
      <Table.ScrollContainer minWidth={820}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('forecast.deal')}</Table.Th><Table.Th>{t('forecast.owner')}</Table.Th><Table.Th>{t('forecast.stage')}</Table.Th>
              <Table.Th>{t('forecast.amount')}</Table.Th><Table.Th>{t('forecast.closeDate')}</Table.Th>
              <Table.Th>{t('forecast.stageProbability')}</Table.Th><Table.Th>{t('forecast.modelProbability')}</Table.Th><Table.Th>{t('forecast.category')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.data.map((d) => (
              <Table.Tr key={d.id} data-testid="forecast-deal-row">
                <Table.Td><Anchor component={Link} to={`/deals/${d.id}`} size="sm">{d.name}</Anchor></Table.Td>
                <Table.Td>{d.ownerName ?? '—'}</Table.Td><Table.Td>{d.stageName}</Table.Td>
                <Table.Td>{formatMoney(d.amountMinor, d.currency)}</Table.Td><Table.Td style={{ whiteSpace: 'nowrap' }}>{d.closeDate ?? '—'}</Table.Td>
                <Table.Td>{d.stageProbability}%</Table.Td>
                <Table.Td>{d.modelProbability === null ? '—' : `${d.modelProbability}%`}</Table.Td>
                <Table.Td><CategoryCell deal={d} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.total === 0 && <Text size="sm" c="dimmed">{t('forecast.noOpenDeals')}</Text>}
      {data.total > PAGE && <Pagination value={page} onChange={setPage} total={Math.ceil(data.total / PAGE)} />}
      <Text size="xs" c="dimmed">{t('forecast.winExplain')}</Text>
    </Stack>
  );
}

/** The rep's category for a deal they may edit; otherwise the category in effect, as text. */
function CategoryCell({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (value: string) => forecastApi.setCategory(deal.id, deal.version, value === 'auto' ? null : (value as TForecastCategory)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['forecast-win'] });
      void queryClient.invalidateQueries({ queryKey: ['forecast-pipeline'] });
      notifications.show({ color: 'green', message: t('forecast.categorySaved') });
    },
    onError: (error: Error) => {
      void queryClient.invalidateQueries({ queryKey: ['forecast-win'] });
      notifications.show({ color: 'red', message: error.message });
    },
  });
  const auto = t('forecast.categoryAuto', { category: t(`forecast.category_${deal.effectiveCategory}`) });
  if (!deal.canEdit) return <Text size="sm">{deal.forecastCategory ? t(`forecast.category_${deal.forecastCategory}`) : auto}</Text>;
  return (
    <Select size="xs" w={200} aria-label={t('forecast.category')} value={deal.forecastCategory ?? 'auto'} allowDeselect={false} disabled={save.isPending}
      onChange={(v) => v && v !== (deal.forecastCategory ?? 'auto') && save.mutate(v)}
      data={[{ value: 'auto', label: auto }, ...(['commit', 'best_case', 'pipeline', 'omitted'] as const).map((c) => ({ value: c, label: t(`forecast.category_${c}`) }))]} />
  );
}
