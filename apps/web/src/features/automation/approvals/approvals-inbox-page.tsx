import { useState } from 'react';
import { Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { ApprovalRequestCard } from './approval-request-card';
import { approvalsApi, INBOX_KEY } from './approvals-api';

type Box = 'pending' | 'submitted' | 'done';

/** "My approvals": what waits for my decision, what I submitted, and what I decided. */
export function ApprovalsInboxPage() {
  const { t } = useTranslation();
  const [box, setBox] = useState<Box>('pending');
  const list = useQuery({ queryKey: [...INBOX_KEY, box], queryFn: () => approvalsApi.inbox(box) });
  return (
    <Stack>
      <PageHeader title={t('approvals.inboxTitle')} description={t('approvals.inboxDescription')} />
      <Tabs value={box} onChange={(v) => setBox((v as Box | null) ?? 'pending')}>
        <Tabs.List>
          <Tabs.Tab value="pending">{t('approvals.box.pending')}</Tabs.Tab>
          <Tabs.Tab value="submitted">{t('approvals.box.submitted')}</Tabs.Tab>
          <Tabs.Tab value="done">{t('approvals.box.done')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <QueryState query={list} />
      {list.data?.data.length === 0 && <Text c="dimmed" data-testid="approvals-empty">{t(`approvals.empty.${box}`)}</Text>}
      {list.data?.data.map((r) => <ApprovalRequestCard key={r.id} request={r} />)}
    </Stack>
  );
}
