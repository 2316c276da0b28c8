import { useState } from 'react';
import { Badge, Button, Card, Group, Menu, SegmentedControl, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconPlus, IconTags } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasCapability, useSession } from '../../../app/session';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../i18n/format';
import type { CustomerObject } from '../record-config';
import { segmentsApi, type TSegment } from './segments-api';
import { TagCatalogueModal } from './tag-catalogue-modal';

/** Saved segments and static lists, each with the number of members the viewer can see. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const [object, setObject] = useState<'all' | CustomerObject>('all');
  const [tagsOpen, setTagsOpen] = useState(false);
  const list = useQuery({ queryKey: ['segments', object], queryFn: () => segmentsApi.list(object === 'all' ? undefined : object) });
  const rows = list.data?.data ?? [];
  const open = (s: TSegment) => void navigate({ to: '/segments/$id', params: { id: s.id } });
  const create = (kind: 'dynamic' | 'static') => void navigate({ to: '/segments/$id', params: { id: 'new' }, search: { object: object === 'account' ? 'account' : 'contact', kind } });
  const objectLabel = (o: string) => t(o === 'contact' ? 'customers.contacts' : 'customers.accounts');
  const kindBadge = (s: TSegment) => <Badge size="sm" variant="light" color={s.kind === 'dynamic' ? 'blue' : 'grape'}>{t(`segments.kinds.${s.kind}`)}</Badge>;
  return (
    <Stack>
      <PageHeader title={t('segments.title')} description={t('segments.description')} actions={(
        <>
          <Button variant="default" leftSection={<IconTags size={16} />} onClick={() => setTagsOpen(true)}>{t('segments.tags')}</Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target><Button leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />}>{t('segments.new')}</Button></Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => create('dynamic')}>{t('segments.newDynamic')}</Menu.Item>
              <Menu.Item onClick={() => create('static')}>{t('segments.newStatic')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </>
      )} />
      <SegmentedControl w="fit-content" value={object} onChange={(v) => setObject(v as typeof object)}
        data={[{ value: 'all', label: t('common.all') }, { value: 'contact', label: t('customers.contacts') }, { value: 'account', label: t('customers.accounts') }]} />
      <QueryState query={list} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('segments.empty')}</Text>}
      {rows.length > 0 && phone && (
        <Stack gap="xs">
          {rows.map((s) => (
            <UnstyledButton key={s.id} onClick={() => open(s)}>
              <Card withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} truncate>{s.name}</Text>
                  <Badge variant="filled" size="lg">{s.count ?? '–'}</Badge>
                </Group>
                <Group gap="xs" mt={4}>{kindBadge(s)}<Text size="xs" c="dimmed">{objectLabel(s.object)}{s.shared ? ` · ${t('segments.sharedShort')}` : ''}</Text></Group>
              </Card>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.name')}</Table.Th><Table.Th>{t('segments.object')}</Table.Th><Table.Th>{t('segments.kind')}</Table.Th>
                <Table.Th ta="right">{t('segments.count')}</Table.Th><Table.Th>{t('segments.sharedShort')}</Table.Th><Table.Th>{t('customers.fields.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.id} onClick={() => open(s)} style={{ cursor: 'pointer' }}>
                  <Table.Td><Text size="sm" fw={500}>{s.name}</Text></Table.Td>
                  <Table.Td><Text size="sm">{objectLabel(s.object)}</Text></Table.Td>
                  <Table.Td>{kindBadge(s)}</Table.Td>
                  <Table.Td ta="right"><Text size="sm" fw={600}>{s.count?.toLocaleString() ?? '–'}</Text></Table.Td>
                  <Table.Td><Text size="sm">{s.shared ? t('common.yes') : t('common.no')}</Text></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.updatedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TagCatalogueModal opened={tagsOpen} onClose={() => setTagsOpen(false)} canManage={hasCapability(session, 'settings.custom_fields')} />
    </Stack>
  );
}
