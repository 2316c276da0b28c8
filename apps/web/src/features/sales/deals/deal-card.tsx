import { memo } from 'react';
import { Card, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDate, formatMoney } from '../../../i18n/format';
import type { TDealCard } from './deals-api';

/** One card of the board: plain elements only, memoised, so a board of 1,000 deals stays cheap. */
export const DealCard = memo(function DealCard({ deal, ownerName }: { deal: TDealCard; ownerName?: string }) {
  const amount = typeof deal.amountMinor === 'number' ? formatMoney(deal.amountMinor, deal.currency ?? 'CNY') : '***';
  return (
    <Card withBorder padding="xs" draggable data-deal-id={deal.id} style={{ cursor: 'grab' }}
      onDragStart={(e) => { e.dataTransfer.setData('text/plain', deal.id); e.dataTransfer.effectAllowed = 'move'; }}>
      <Text size="sm" fw={600} component={Link} to={`/deals/${deal.id}`} style={{ color: 'inherit', textDecoration: 'none' }} lineClamp={2}>{deal.name}</Text>
      <Group justify="space-between" gap={4} mt={2}>
        <Text size="xs" fw={500}>{amount}</Text>
        <Text size="xs" c="dimmed">{deal.closeDate ? formatDate(deal.closeDate) : ''}</Text>
      </Group>
      {ownerName && <Text size="xs" c="dimmed" truncate>{ownerName}</Text>}
    </Card>
  );
});
