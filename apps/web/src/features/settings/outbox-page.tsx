import { useState } from 'react';
import { Alert, Badge, Button, Code, Drawer, Group, ScrollArea, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { MAIL_STATUSES } from '@voyage/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mailApi } from '../../api/mail';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { formatDateTime } from '../../i18n/format';

const STATUS_COLOR: Record<string, string> = { queued: 'gray', sent: 'green', caught: 'blue', failed: 'red' };

function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useQuery({ queryKey: ['mail-message', id], queryFn: () => mailApi.message(id!), enabled: id !== null });
  const m = message.data;
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title={t('outbox.message')} scrollAreaComponent={ScrollArea.Autosize}>
      <QueryState query={message} />
      {m && (
        <Stack>
          <SimpleGrid cols={2} spacing="xs">
            <Text size="sm" c="dimmed">{t('outbox.subject')}</Text><Text size="sm" fw={600}>{m.subject}</Text>
            <Text size="sm" c="dimmed">{t('outbox.from')}</Text><Text size="sm">{m.from}</Text>
            <Text size="sm" c="dimmed">{t('outbox.to')}</Text><Text size="sm">{m.to}</Text>
            <Text size="sm" c="dimmed">{t('outbox.status')}</Text><Badge color={STATUS_COLOR[m.status]} variant="light">{t(`outbox.statuses.${m.status}`)}</Badge>
            <Text size="sm" c="dimmed">{t('outbox.createdAt')}</Text><Text size="sm">{formatDateTime(m.createdAt)}</Text>
            {m.sentAt && <><Text size="sm" c="dimmed">{t('outbox.sentAt')}</Text><Text size="sm">{formatDateTime(m.sentAt)}</Text></>}
            <Text size="sm" c="dimmed">{t('outbox.attempts')}</Text><Text size="sm">{m.attempts}</Text>
          </SimpleGrid>
          {m.error && <Alert color="red" title={t('outbox.error')}>{m.error}</Alert>}
          <Tabs defaultValue="text">
            <Tabs.List>
              <Tabs.Tab value="text">{t('outbox.text')}</Tabs.Tab>
              {m.htmlBody && <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="text" pt="sm"><Code block style={{ whiteSpace: 'pre-wrap' }} data-testid="mail-text">{m.textBody}</Code></Tabs.Panel>
            {m.htmlBody && (
              <Tabs.Panel value="html" pt="sm">
                {/* A sandboxed frame with no scripts: the HTML of a message must never run in the app. */}
                <iframe title={m.subject} sandbox="" srcDoc={m.htmlBody} style={{ width: '100%', minHeight: 400, border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, background: 'white' }} />
              </Tabs.Panel>
            )}
          </Tabs>
        </Stack>
      )}
    </Drawer>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('all');
  const [selected, setSelected] = useState<string | null>(null);
  const pages = useInfiniteQuery({
    queryKey: ['mail-messages', status],
    queryFn: ({ pageParam }) => mailApi.messages({ status: status === 'all' ? undefined : status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <RequireCapability capability="settings.mail">
      <Stack>
        <PageHeader title={t('settings.outbox')} description={t('outbox.description')} />
        <ScrollArea type="auto" offsetScrollbars>
          <SegmentedControl value={status} onChange={setStatus} data={[{ value: 'all', label: t('common.all') }, ...MAIL_STATUSES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) }))]} />
        </ScrollArea>
        <QueryState query={pages} />
        {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('outbox.empty')}</Text>}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.createdAt')}</Table.Th>
                  <Table.Th>{t('outbox.to')}</Table.Th>
                  <Table.Th>{t('outbox.subject')}</Table.Th>
                  <Table.Th>{t('outbox.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id} onClick={() => setSelected(m.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{m.to}</Text></Table.Td>
                    <Table.Td><Text size="sm" lineClamp={1}>{m.subject}</Text></Table.Td>
                    <Table.Td><Badge color={STATUS_COLOR[m.status]} variant="light">{t(`outbox.statuses.${m.status}`)}</Badge></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages.hasNextPage && <Group justify="center"><Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button></Group>}
        <MessageDrawer id={selected} onClose={() => setSelected(null)} />
      </Stack>
    </RequireCapability>
  );
}
