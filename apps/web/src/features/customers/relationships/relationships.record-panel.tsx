import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconArrowsMaximize } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { registerRecordPanel, type RecordPanelProps } from '../record-page/panels';
import { AccountHierarchyTree } from './account-hierarchy-tree';
import { LinksList } from './links-list';
import { RelationshipGraph } from './relationship-graph';
import { relationshipsApi } from './relationships-api';

/** Graph of the account (on an account) or of one of the contact's accounts (on a contact). */
export function RelationshipsPanel({ object, id, compactPanel = true }: Pick<RecordPanelProps, 'object' | 'id'> & { compactPanel?: boolean }) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  const links = useQuery({ queryKey: ['relationships', 'links', object, id], queryFn: () => relationshipsApi.links(object, id), enabled: object === 'contact' });
  const accounts = links.data?.data ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const accountId = object === 'account' ? id : picked ?? accounts.find((l) => l.isPrimary)?.accountId ?? accounts[0]?.accountId;
  const focusId = object === 'contact' ? id : undefined;
  return (
    <Stack gap="sm">
      {object === 'contact' && accounts.length > 1 && (
        <SegmentedControl size="xs" value={accountId} onChange={setPicked} data={accounts.map((l) => ({ value: l.accountId, label: l.account.name ?? '—' }))} />
      )}
      {accountId ? (
        <>
          <Group justify="flex-end"><Button size="compact-xs" variant="subtle" leftSection={<IconArrowsMaximize size={12} />} onClick={() => setFull(true)}>{t('relationships.fullScreen')}</Button></Group>
          <RelationshipGraph accountId={accountId} focusId={focusId} height={380} compact={compactPanel} />
          <Modal opened={full} onClose={() => setFull(false)} fullScreen title={t('relationships.graphTitle')}>
            <RelationshipGraph accountId={accountId} focusId={focusId} height="calc(100vh - 140px)" />
          </Modal>
        </>
      ) : (
        object === 'contact' && !links.isPending && <Text size="sm" c="dimmed">{t('relationships.noAccountYet')}</Text>
      )}
      <LinksList object={object} id={id} />
    </Stack>
  );
}

registerRecordPanel({ key: 'relationships.graph', objects: ['account', 'contact'], order: 40, titleKey: 'relationships.graphTitle', component: RelationshipsPanel });
registerRecordPanel({ key: 'relationships.hierarchy', objects: ['account'], order: 41, titleKey: 'relationships.hierarchy', component: ({ id }) => <AccountHierarchyTree accountId={id} /> });
