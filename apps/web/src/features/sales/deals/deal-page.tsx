import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Stepper, Table, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDate, formatDateTime, formatMoney } from '../../../i18n/format';
import { dealDetailApi, dealsApi, labelOf } from './deals-api';
import { DealLinesEditor } from '../products/deal-lines-editor';

/** Seconds as the largest sensible unit: 3 d, 5 h, 12 min. */
function duration(seconds: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (seconds >= 86_400) return t('deals.days', { count: Math.round(seconds / 86_400) });
  if (seconds >= 3_600) return t('deals.hours', { count: Math.round(seconds / 3_600) });
  return t('deals.minutes', { count: Math.max(0, Math.round(seconds / 60)) });
}

/** A deal: its fields, where it stands in the pipeline, its stage history and stakeholders. */
export function DealPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const deal = useQuery({ queryKey: ['deal', id], queryFn: () => dealsApi.get(id) });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: dealsApi.pipelines });
  const history = useQuery({ queryKey: ['deal', id, 'history'], queryFn: () => dealDetailApi.history(id) });
  const people = useQuery({ queryKey: ['deal', id, 'contacts'], queryFn: () => dealDetailApi.stakeholders(id) });
  // Names of the stakeholders the reader may see; others stay a plain link.
  const names = useQueries({ queries: (people.data?.data ?? []).map((p) => ({ queryKey: ['contacts', 'name', p.contactId], queryFn: () => dealDetailApi.contact(p.contactId), retry: false, staleTime: 60_000 })) });
  const d = deal.data;
  const pipeline = pipelines.data?.data.find((p) => p.id === d?.pipelineId);
  const stages = pipeline?.stages ?? [];
  const stageName = (stageId: string | null) => { const s = stages.find((x) => x.id === stageId); return s ? labelOf(s, i18n.language) : '–'; };
  const active = stages.findIndex((s) => s.id === d?.stageId);
  const field = (label: string, value: React.ReactNode) => (<div><Text size="xs" c="dimmed">{label}</Text><Text size="sm">{value ?? '–'}</Text></div>);
  return (
    <Stack>
      <QueryState query={deal} />
      {d && (
        <>
          <PageHeader title={d.name ?? ''} actions={<Badge size="lg" color={d.status === 'won' ? 'green' : d.status === 'lost' ? 'red' : 'blue'}>{t(`deals.status.${d.status ?? 'open'}`)}</Badge>} />
          {stages.length > 0 && (
            <Stepper active={active} size="xs" allowNextStepsSelect={false}>
              {stages.map((s) => <Stepper.Step key={s.id} label={labelOf(s, i18n.language)} description={`${s.probability}%`} />)}
            </Stepper>
          )}
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field(t('deals.amount'), typeof d.amountMinor === 'number' ? formatMoney(d.amountMinor, d.currency ?? 'CNY') : '***')}
              {field(t('deals.closeDate'), d.closeDate ? formatDate(d.closeDate) : null)}
              {field(t('deals.probability'), d.probability == null ? null : `${String(d.probability)}%`)}
              {field(t('deals.account'), d.accountId ? <Anchor component={Link} to={`/accounts/${d.accountId}`}>{t('deals.open')}</Anchor> : null)}
              {field(t('deals.forecastCategory'), d.forecastCategory ? t(`deals.forecast.${d.forecastCategory}`) : null)}
              {field(t('deals.reason'), d.wonReason ?? d.lostReason ?? null)}
            </SimpleGrid>
          </Card>
          <DealLinesEditor dealId={id} onSaved={() => void deal.refetch()} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Text fw={600} mb="xs">{t('deals.history')}</Text>
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('deals.when')}</Table.Th><Table.Th>{t('deals.fromTo')}</Table.Th><Table.Th>{t('deals.timeInStage')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {(history.data?.data ?? []).map((h) => (
                    <Table.Tr key={h.id}>
                      <Table.Td>{formatDateTime(h.changedAt)}</Table.Td>
                      <Table.Td>{h.fromStageId ? `${stageName(h.fromStageId)} → ` : ''}{stageName(h.toStageId)}</Table.Td>
                      <Table.Td>{h.secondsInFrom == null ? '–' : duration(h.secondsInFrom, t)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">{t('deals.stakeholders')}</Text>
              {(people.data?.data ?? []).length === 0 && <Text size="sm" c="dimmed">{t('deals.noStakeholders')}</Text>}
              {(people.data?.data ?? []).map((p, i) => (
                <Group key={p.contactId} justify="space-between">
                  <Anchor component={Link} to={`/contacts/${p.contactId}`} size="sm">{names[i]?.data?.name ?? t('deals.unknownContact')}</Anchor>
                  <Group gap={4}>{p.role && <Badge variant="light">{p.role}</Badge>}{p.isPrimary && <Badge>{t('deals.primary')}</Badge>}</Group>
                </Group>
              ))}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
