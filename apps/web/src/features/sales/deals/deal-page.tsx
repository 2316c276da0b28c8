import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Stepper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reasonLabel, stalledDays } from '@voyage/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDate, formatDateTime, formatMoney } from '../../../i18n/format';
import { dealDetailApi, dealsApi, labelOf } from './deals-api';
import { DealLinesEditor } from '../products/deal-lines-editor';
import { DealCompetitorsCard, StakeholdersCard } from './deal-people-cards';
import { CloseDealModal, type CloseChoice } from './close-deal-modal';
import { ApprovalPanel } from '../../automation/approvals/approval-panel';
import { LockedMark } from '../../automation/approvals/locked-mark';

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
  const d = deal.data;
  const stall = useQuery({ queryKey: ['stall-settings', d?.pipelineId], queryFn: () => dealsApi.stallSettings(d!.pipelineId!), enabled: Boolean(d?.pipelineId), staleTime: 60_000 });
  const reasons = useQuery({ queryKey: ['deal-reasons', 'all'], queryFn: () => dealsApi.reasons(undefined, true), enabled: Boolean(d?.closeReasonId), staleTime: 60_000 });
  const competitors = useQuery({ queryKey: ['competitors'], queryFn: () => dealsApi.competitors(), enabled: Boolean(d?.lostToCompetitorId), staleTime: 60_000 });
  const stalled = d && stall.data ? stalledDays(d, stall.data) : null;
  const picked = reasons.data?.data.find((r) => r.id === d?.closeReasonId);
  const lostTo = competitors.data?.data.find((c) => c.id === d?.lostToCompetitorId);
  const reasonText = [picked ? reasonLabel(picked.labels, i18n.language) : null, d?.wonReason ?? d?.lostReason ?? null].filter((x, i, all) => x && all.indexOf(x) === i).join(' — ');
  const pipeline = pipelines.data?.data.find((p) => p.id === d?.pipelineId);
  const stages = pipeline?.stages ?? [];
  const stageName = (stageId: string | null) => { const s = stages.find((x) => x.id === stageId); return s ? labelOf(s, i18n.language) : '–'; };
  const active = stages.findIndex((s) => s.id === d?.stageId);
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const closeStage = (kind: 'won' | 'lost') => stages.find((s) => s.kind === kind);
  // Won or lost from the deal page: the pipeline's first won (lost) stage, with the reason dialog the board uses.
  const close = useMutation({
    mutationFn: ({ kind, choice }: { kind: 'won' | 'lost'; choice: CloseChoice }) => dealsApi.move(id, {
      stageId: closeStage(kind)!.id, version: d?.version ?? 0,
      ...(kind === 'won' ? { wonReason: choice.reason, wonReasonId: choice.reasonId } : { lostReason: choice.reason, lostReasonId: choice.reasonId, lostToCompetitorId: choice.lostToCompetitorId }),
    }),
    onSuccess: (next) => {
      queryClient.setQueryData(['deal', id], next);
      for (const key of [['deal', id], ['deals-board'], ['forecast-pipeline'], ['forecast-win'], ['targets']]) void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error: Error) => notifications.show({ color: 'red', title: t('deals.moveRefused'), message: error.message }),
  });
  const canClose = d?.status === 'open' && !d.deletedAt;
  const field = (label: string, value: React.ReactNode) => (<div><Text size="xs" c="dimmed">{label}</Text><Text size="sm">{value ?? '–'}</Text></div>);
  return (
    <Stack>
      <QueryState query={deal} />
      {d && (
        <>
          <PageHeader title={d.name ?? ''} actions={(
            <Group gap="xs">
              {stalled !== null && <Badge size="lg" color="red" variant="light" data-testid="deal-stalled">{t('deals.stalled', { count: stalled })}</Badge>}
              <Badge size="lg" color={d.status === 'won' ? 'green' : d.status === 'lost' ? 'red' : 'blue'} data-testid="deal-status">{t(`deals.status.${d.status ?? 'open'}`)}</Badge>
              {canClose && closeStage('won') && <Button size="xs" color="green" variant="light" loading={close.isPending} onClick={() => setClosing('won')}>{t('deals.markWon')}</Button>}
              {canClose && closeStage('lost') && <Button size="xs" color="red" variant="light" loading={close.isPending} onClick={() => setClosing('lost')}>{t('deals.markLost')}</Button>}
            </Group>
          )} />
          {stages.length > 0 && (
            <Stepper active={active} size="xs" allowNextStepsSelect={false}>
              {stages.map((s) => <Stepper.Step key={s.id} label={labelOf(s, i18n.language)} description={`${s.probability}%`} />)}
            </Stepper>
          )}
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field(t('deals.amount'), <>{typeof d.amountMinor === 'number' ? formatMoney(d.amountMinor, d.currency ?? 'CNY') : '***'}<LockedMark object="deal" recordId={id} field="amountMinor" /></>)}
              {field(t('deals.closeDate'), d.closeDate ? <>{formatDate(d.closeDate)}<LockedMark object="deal" recordId={id} field="closeDate" /></> : null)}
              {field(t('deals.probability'), d.probability == null ? null : <>{`${String(d.probability)}%`}<LockedMark object="deal" recordId={id} field="probability" /></>)}
              {field(t('deals.account'), d.accountId ? <Anchor component={Link} to={`/accounts/${d.accountId}`}>{t('deals.open')}</Anchor> : null)}
              {field(t('deals.forecastCategory'), d.forecastCategory ? t(`deals.forecast.${d.forecastCategory}`) : null)}
              {field(t('deals.reason'), reasonText || null)}
              {d.lostToCompetitorId && field(t('deals.lostTo'), lostTo?.name ?? '…')}
            </SimpleGrid>
          </Card>
          <ApprovalPanel object="deal" recordId={id} disabled={Boolean(d.deletedAt)} />
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
            <StakeholdersCard dealId={id} canEdit={!d.deletedAt} />
          </SimpleGrid>
          <DealCompetitorsCard dealId={id} canEdit={!d.deletedAt} />
          {closing && <CloseDealModal kind={closing} onClose={() => setClosing(null)} onConfirm={(choice) => { close.mutate({ kind: closing, choice }); setClosing(null); }} />}
        </>
      )}
    </Stack>
  );
}
