import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { registerRecordPanel, type RecordPanelProps } from '../../customers/record-page/panels';
import { formatMoney } from '../../../i18n/format';
import { dealsApi, labelOf } from './deals-api';

/** The deals of an account (or where a contact is the primary contact), with stage and amount. */
function DealsPanel({ object, id }: Pick<RecordPanelProps, 'object' | 'id'>) {
  const { t, i18n } = useTranslation();
  const field = object === 'account' ? 'accountId' : 'primaryContactId';
  const deals = useQuery({ queryKey: ['deals', 'panel', object, id], queryFn: () => dealsApi.list({ [`filter[${field}]`]: id, sort: '-updatedAt', limit: 20 }) });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: dealsApi.pipelines, staleTime: 60_000 });
  const stages = new Map((pipelines.data?.data ?? []).flatMap((p) => p.stages).map((s) => [s.id, s]));
  const rows = deals.data?.data ?? [];
  if (deals.isSuccess && rows.length === 0) return <Text size="sm" c="dimmed">{t('deals.panelEmpty')}</Text>;
  return (
    <Stack gap={6} data-testid="deals-panel">
      {rows.map((d) => {
        const stage = d.stageId ? stages.get(d.stageId) : undefined;
        return (
          <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs">
            <Anchor component={Link} to={`/deals/${d.id}`} size="sm" truncate>{d.name}</Anchor>
            <Group gap={6} wrap="nowrap">
              {stage && <Badge size="sm" variant="light" color={stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'blue'}>{labelOf(stage, i18n.language)}</Badge>}
              <Text size="xs" fw={500}>{typeof d.amountMinor === 'number' ? formatMoney(d.amountMinor, d.currency ?? 'CNY') : '***'}</Text>
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}

registerRecordPanel({ key: 'deals', objects: ['contact', 'account'], order: 15, titleKey: 'deals.panelTitle', component: DealsPanel });
