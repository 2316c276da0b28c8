import { memo } from 'react';
import { Badge, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { formatDate, formatMoney } from '../../../i18n/format';
import { stalledDays } from '@voyage/contracts';
import type { TDealCard, TStallSettings } from './deals-api';

/** One card of the board: plain elements only, memoised, so a board of 1,000 deals stays cheap. */
export const DealCard = memo(function DealCard({ deal, ownerName, rottingDays, stall }: { deal: TDealCard; ownerName?: string; rottingDays?: number | null; stall?: TStallSettings }) {
  const { t } = useTranslation();
  // Rotting: idle in the stage longer than the stage allows (open deals only).
  const idleDays = deal.stageEnteredAt ? Math.floor((Date.now() - new Date(deal.stageEnteredAt).getTime()) / 86_400_000) : 0;
  const rotting = deal.status === 'open' && rottingDays != null && idleDays > rottingDays;
  // Stalled: no activity on the deal for the pipeline's stall days (the same rule the alert uses).
  const stalled = stall ? stalledDays(deal, stall) : null;
  const amount = typeof deal.amountMinor === 'number' ? formatMoney(deal.amountMinor, deal.currency ?? 'CNY') : '***';
  return (
    <Card withBorder padding="xs" draggable style={rotting ? { cursor: 'grab', borderColor: 'var(--mantine-color-orange-5)' } : { cursor: 'grab' }} data-deal-id={deal.id}
      onDragStart={(e) => { e.dataTransfer.setData('text/plain', deal.id); e.dataTransfer.effectAllowed = 'move'; }}>
      <Text size="sm" fw={600} component={Link} to={`/deals/${deal.id}`} style={{ color: 'inherit', textDecoration: 'none' }} lineClamp={2}>{deal.name}</Text>
      <Group justify="space-between" gap={4} mt={2}>
        <Text size="xs" fw={500}>{amount}</Text>
        <Text size="xs" c="dimmed">{deal.closeDate ? formatDate(deal.closeDate) : ''}</Text>
      </Group>
      {ownerName && <Text size="xs" c="dimmed" truncate>{ownerName}</Text>}
      {stalled !== null && <Badge size="xs" color="red" variant="light" mt={2} mr={4} data-testid="deal-stalled">{t('deals.stalled', { count: stalled })}</Badge>}
      {rotting && <Badge size="xs" color="orange" variant="light" mt={2} data-testid="deal-rotting">{t('deals.rotting', { count: idleDays })}</Badge>}
    </Card>
  );
});
