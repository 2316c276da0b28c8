import { useMemo, useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, Paper, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { departmentsApi, membersApi } from '../../../api/platform';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatMoney } from '../../../i18n/format';
import { CloseDealModal, type CloseChoice } from './close-deal-modal';
import { DealCard } from './deal-card';
import { DealsTable } from './deals-table';
import { dealsApi, labelOf, type BoardFilters, type TDealBoardResponse } from './deals-api';

const PAGE = 50;
type Column = TDealBoardResponse['columns'][number];
interface PendingClose { dealId: string; version: number; stage: Column['stage'] }

/**
 * Deals as a kanban (one pipeline's stages; drag a card to move the deal, a refused move snaps
 * back with the server's reason) or, with `?view=table`, as a sortable table with bulk actions.
 */
export function DealsBoardPage() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ strict: false }) as { view?: string };
  const navigate = useNavigate();
  const view = search.view === 'table' ? 'table' : 'board';
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<BoardFilters>({});
  const [perStage, setPerStage] = useState(PAGE);
  const [creating, setCreating] = useState(false);
  const [closing, setClosing] = useState<PendingClose | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: dealsApi.pipelines });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, retry: false });
  const departments = useQuery({ queryKey: ['departments'], queryFn: departmentsApi.list, staleTime: 60_000, retry: false });
  const key = ['deals-board', filters, perStage] as const;
  const board = useQuery({ queryKey: key, queryFn: ({ signal }) => dealsApi.board({ ...filters, perStage }, signal), placeholderData: keepPreviousData });
  const stall = useQuery({ queryKey: ['stall-settings', board.data?.pipeline.id], queryFn: () => dealsApi.stallSettings(board.data!.pipeline.id), enabled: Boolean(board.data), staleTime: 60_000 });
  const ownerNames = useMemo(() => new Map((members.data?.data ?? []).map((m) => [m.userId, m.name])), [members.data]);

  const move = useMutation({
    mutationFn: (v: { dealId: string; version: number; stageId: string; wonReason?: string; lostReason?: string; wonReasonId?: string; lostReasonId?: string; lostToCompetitorId?: string }) =>
      dealsApi.move(v.dealId, { stageId: v.stageId, version: v.version, wonReason: v.wonReason, lostReason: v.lostReason, wonReasonId: v.wonReasonId, lostReasonId: v.lostReasonId, lostToCompetitorId: v.lostToCompetitorId }),
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TDealBoardResponse>(key);
      if (previous) queryClient.setQueryData<TDealBoardResponse>(key, moveCard(previous, v.dealId, v.stageId));
      return { previous };
    },
    onError: (error: Error, _v, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notifications.show({ color: 'red', title: t('deals.moveRefused'), message: error.message });
    },
    // The answer carries the new version: the next drag of this card must send it, even before the refetch lands.
    onSuccess: (deal) => queryClient.setQueryData<TDealBoardResponse>(key, (board) => board && ({
      ...board, columns: board.columns.map((c) => ({ ...c, deals: c.deals.map((x) => (x.id === deal.id ? { ...x, ...deal } : x)) })),
    })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['deals-board'] }),
  });

  const drop = (column: Column, dealId: string) => {
    setDragOver(null);
    const deal = board.data?.columns.flatMap((c) => c.deals).find((d) => d.id === dealId);
    if (!deal || deal.stageId === column.stage.id) return;
    if (column.stage.kind !== 'open') setClosing({ dealId, version: deal.version ?? 0, stage: column.stage });
    else move.mutate({ dealId, version: deal.version ?? 0, stageId: column.stage.id });
  };

  const pipelineOptions = (pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: labelOf(p, i18n.language) }));
  const ownerOptions = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const departmentOptions = (departments.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const setView = (next: string) => void navigate({ to: '/deals', search: next === 'table' ? { view: 'table' } : {} });
  return (
    <Stack>
      <PageHeader title={t('deals.title')} actions={(
        <Group gap="sm">
          <SegmentedControl value={view} onChange={setView} data={[{ value: 'board', label: t('deals.viewBoard') }, { value: 'table', label: t('deals.viewTable') }]} data-testid="deals-view" />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} disabled={!board.data}>{t('deals.new')}</Button>
        </Group>
      )} />
      {view === 'table' && <DealsTable ownerOptions={ownerOptions} ownerNames={ownerNames} />}
      {view === 'board' && <Group gap="sm" align="end">
        <Select label={t('deals.pipeline')} data={pipelineOptions} value={filters.pipelineId ?? board.data?.pipeline.id ?? null} onChange={(v) => setFilters((f) => ({ ...f, pipelineId: v ?? undefined }))} allowDeselect={false} w={200} />
        <Select label={t('deals.owner')} data={ownerOptions} value={filters.ownerId ?? null} onChange={(v) => setFilters((f) => ({ ...f, ownerId: v ?? undefined }))} clearable searchable placeholder={t('deals.anyOwner')} w={200} />
        <Select label={t('deals.team')} data={departmentOptions} value={filters.departmentId ?? null} onChange={(v) => setFilters((f) => ({ ...f, departmentId: v ?? undefined }))} clearable searchable placeholder={t('deals.anyTeam')} w={200} />
        <TextInput type="date" label={t('deals.closeFrom')} value={filters.closeFrom ?? ''} onChange={(e) => setFilters((f) => ({ ...f, closeFrom: e.currentTarget.value || undefined }))} />
        <TextInput type="date" label={t('deals.closeTo')} value={filters.closeTo ?? ''} onChange={(e) => setFilters((f) => ({ ...f, closeTo: e.currentTarget.value || undefined }))} />
      </Group>}
      {view === 'board' && <QueryState query={board} />}
      {view === 'board' && board.data && (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="deals-board">
            {board.data.columns.map((column) => (
              <Paper key={column.stage.id} withBorder p="xs" w={260} miw={260} bg={dragOver === column.stage.id ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
                data-stage-id={column.stage.id}
                onDragOver={(e) => { e.preventDefault(); if (dragOver !== column.stage.id) setDragOver(column.stage.id); }}
                onDragLeave={() => setDragOver((s) => (s === column.stage.id ? null : s))}
                onDrop={(e) => { e.preventDefault(); drop(column, e.dataTransfer.getData('text/plain')); }}>
                <Group justify="space-between" wrap="nowrap" mb={4}>
                  <Text fw={600} size="sm" truncate>{labelOf(column.stage, i18n.language)}</Text>
                  <Badge variant="light" data-testid="stage-count">{column.count}</Badge>
                </Group>
                <Text size="xs" c="dimmed" mb="xs" data-testid="stage-total">
                  {column.totals.length ? column.totals.map((x) => formatMoney(x.amountMinor, x.currency)).join(' + ') : formatMoney(0, board.data.pipeline.currency)} · {column.stage.probability}%
                </Text>
                <Stack gap={6} mih={60}>
                  {column.deals.map((deal) => <DealCard key={deal.id} deal={deal} rottingDays={column.stage.rottingDays} stall={stall.data} ownerName={deal.ownerId ? ownerNames.get(deal.ownerId) : undefined} />)}
                  {column.count > column.deals.length && (
                    <Button variant="subtle" size="xs" onClick={() => setPerStage((n) => n + PAGE)}>{t('deals.showMore', { count: column.count - column.deals.length })}</Button>
                  )}
                </Stack>
              </Paper>
            ))}
          </Group>
        </ScrollArea>
      )}
      {closing && <CloseDealModal kind={closing.stage.kind === 'won' ? 'won' : 'lost'} onClose={() => setClosing(null)} onConfirm={(choice: CloseChoice) => {
        const won = closing.stage.kind === 'won';
        move.mutate({
          dealId: closing.dealId, version: closing.version, stageId: closing.stage.id,
          ...(won ? { wonReason: choice.reason, wonReasonId: choice.reasonId } : { lostReason: choice.reason, lostReasonId: choice.reasonId, lostToCompetitorId: choice.lostToCompetitorId }),
        });
        setClosing(null);
      }} />}
      {creating && board.data && <NewDealModal pipelineId={board.data.pipeline.id} currency={board.data.pipeline.currency} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function moveCard(board: TDealBoardResponse, dealId: string, stageId: string): TDealBoardResponse {
  const deal = board.columns.flatMap((c) => c.deals).find((d) => d.id === dealId);
  if (!deal) return board;
  return {
    ...board,
    columns: board.columns.map((c) => {
      if (c.stage.id === stageId) return { ...c, count: c.count + 1, deals: [{ ...deal, stageId }, ...c.deals] };
      if (c.deals.some((d) => d.id === dealId)) return { ...c, count: c.count - 1, deals: c.deals.filter((d) => d.id !== dealId) };
      return c;
    }),
  };
}

function NewDealModal({ pipelineId, currency, onClose }: { pipelineId: string; currency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [amount, setAmount] = useState<number | ''>('');
  const [closeDate, setCloseDate] = useState('');
  const create = useMutation({
    mutationFn: () => dealsApi.create({ name, pipelineId, amountMinor: amount === '' ? undefined : Math.round(amount * 100), closeDate: closeDate || undefined }),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: ['deals-board'] }); notifications.show({ color: 'green', message: t('deals.created') }); onClose(); },
    onError: (error: Error) => notifications.show({ color: 'red', message: error.message }),
  });
  return (
    <Modal opened onClose={onClose} title={t('deals.new')}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack>
          <TextInput label={t('deals.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <NumberInput label={`${t('deals.amount')} (${currency})`} min={0} decimalScale={2} value={amount} onChange={(v) => setAmount(typeof v === 'number' ? v : '')} />
          <TextInput type="date" label={t('deals.closeDate')} value={closeDate} onChange={(e) => setCloseDate(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
