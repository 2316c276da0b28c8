import { useEffect, useRef } from 'react';
import { Card, Center, Checkbox, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../i18n/format';
import type { RecordRow } from '../record-config';
import { TagChips } from '../segments/tag-chips';
import type { PagedRows } from './virtual-record-table';

const CARD_ESTIMATE = 92;

interface Props extends PagedRows {
  object: 'contact' | 'account';
  /** Built-in text fields summarised under the name. */
  summary: string[];
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  trash: boolean;
}

/** Phones get one card per record; like the table, only the cards in view are rendered. */
export function VirtualRecordCards(props: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { rows, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_ESTIMATE, overscan: 6, gap: 8 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div ref={scrollRef} data-testid="record-cards" style={{ maxHeight: 'max(360px, calc(100dvh - 300px))', overflow: 'auto' }}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row: RecordRow = rows[item.index];
          const id = row.id!;
          return (
            <div key={id} data-index={item.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
              <Card withBorder padding="sm" data-testid="record-row" data-id={id}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  {props.selectable && <Checkbox mt={2} aria-label={t('customerList.selectRow', { name: row.name })} data-testid="row-select" checked={props.selected.has(id)} onChange={() => props.onToggle(id)} />}
                  <UnstyledButton style={{ flex: 1, minWidth: 0 }} disabled={props.trash} onClick={() => void navigate({ to: `/${props.object}s/${id}` })}>
                    <Group justify="space-between" wrap="nowrap">
                      <Text fw={600} truncate>{row.name}</Text>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.updatedAt)}</Text>
                    </Group>
                    <Text size="sm" c="dimmed" truncate>{props.summary.map((c) => row[c]).filter(Boolean).join(' · ')}</Text>
                    {(row.tags?.length ?? 0) > 0 && <TagChips tags={row.tags!} size="xs" max={4} />}
                  </UnstyledButton>
                </Group>
              </Card>
            </div>
          );
        })}
      </div>
      {isFetchingNextPage && <Center p="sm"><Loader size="sm" /></Center>}
    </div>
  );
}
