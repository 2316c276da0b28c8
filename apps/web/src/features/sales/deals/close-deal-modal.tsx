import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { reasonLabel } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { dealsApi } from './deals-api';

export interface CloseChoice { reasonId?: string; reason?: string; lostToCompetitorId?: string }

/**
 * Won/lost dialog: the reason from the workspace's list (with an optional note), or free text
 * when the list is empty; for lost, the competitor it went to.
 */
export function CloseDealModal({ kind, onClose, onConfirm }: { kind: 'won' | 'lost'; onClose: () => void; onConfirm: (choice: CloseChoice) => void }) {
  const { t, i18n } = useTranslation();
  const reasons = useQuery({ queryKey: ['deal-reasons', kind], queryFn: () => dealsApi.reasons(kind) });
  const competitors = useQuery({ queryKey: ['competitors'], queryFn: () => dealsApi.competitors(), enabled: kind === 'lost' });
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [competitorId, setCompetitorId] = useState<string | null>(null);
  const list = reasons.data?.data ?? [];
  const won = kind === 'won';
  const ready = reasons.isSuccess && (list.length ? Boolean(reasonId) : Boolean(text.trim()));
  return (
    <Modal opened onClose={onClose} title={t(won ? 'deals.markWon' : 'deals.markLost')}>
      <Stack>
        {list.length > 0 && (
          <Select label={t(won ? 'deals.wonReason' : 'deals.lostReason')} data={list.map((r) => ({ value: r.id, label: reasonLabel(r.labels, i18n.language) }))}
            value={reasonId} onChange={setReasonId} allowDeselect={false} required data-autofocus comboboxProps={{ withinPortal: false }} />
        )}
        <Textarea label={list.length ? t('deals.reasonNote') : t(won ? 'deals.wonReason' : 'deals.lostReason')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} data-autofocus={list.length === 0 || undefined} />
        {!won && (
          <Select label={t('deals.lostTo')} placeholder={t('deals.noCompetitor')} clearable searchable data={(competitors.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={competitorId} onChange={setCompetitorId} comboboxProps={{ withinPortal: false }} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color={won ? 'green' : 'red'} disabled={!ready} onClick={() => onConfirm({ reasonId: reasonId ?? undefined, reason: text.trim() || undefined, lostToCompetitorId: competitorId ?? undefined })}>{t('deals.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
