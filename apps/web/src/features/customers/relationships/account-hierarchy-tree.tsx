import { Box, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconBuilding, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { relationshipsApi, type TAccountHierarchyResponse } from './relationships-api';

type Row = TAccountHierarchyResponse['account'] & { level: number; current?: boolean };

/** Parent chain, the account with its siblings, and its subsidiaries, as an indented tree. */
export function AccountHierarchyTree({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const h = useQuery({ queryKey: ['relationships', 'hierarchy', accountId], queryFn: () => relationshipsApi.hierarchy(accountId) });
  if (h.isPending) return <Center h={60}><Loader size="xs" /></Center>;
  if (h.isError) return <Text c="red" size="sm">{h.error.message}</Text>;
  const { ancestors, account, siblings, descendants } = h.data;
  if (!ancestors.length && !descendants.length && !siblings.length) return <Text size="sm" c="dimmed">{t('relationships.noHierarchy')}</Text>;
  const base = ancestors.length;
  const rows: Row[] = [
    ...ancestors.map((a, i) => ({ ...a, level: i })),
    { ...account, level: base, current: true },
    ...orderTree(descendants, account.id).map((d) => ({ ...d, level: base + d.depth })),
    ...siblings.map((s) => ({ ...s, level: base })),
  ];
  return (
    <Stack gap={2} role="tree" aria-label={t('relationships.hierarchy')}>
      {rows.map((r) => (
        <Group key={r.id} gap={6} wrap="nowrap" role="treeitem" pl={r.level * 16} style={{ minWidth: 0 }}>
          {r.level > 0 && <Box w={8} h={8} style={{ borderLeft: '1px solid var(--mantine-color-gray-5)', borderBottom: '1px solid var(--mantine-color-gray-5)', flexShrink: 0, marginTop: -6 }} />}
          {r.locked ? <IconLock size={14} /> : <IconBuilding size={14} />}
          {r.locked ? <Text size="sm" c="dimmed">{t('relationships.locked')}</Text>
            : r.current ? <Text size="sm" fw={700} truncate>{r.name}</Text>
              : <Text size="sm" component={Link} to={`/accounts/${r.id}` as never} truncate>{r.name}</Text>}
          {r.current && ancestors.length > 0 && <Text size="xs" c="dimmed">{t('relationships.thisAccount')}</Text>}
        </Group>
      ))}
      {h.data.truncated && <Text size="xs" c="dimmed">{t('relationships.truncated')}</Text>}
    </Stack>
  );
}

/** Depth-first order so each subsidiary sits under its own parent. */
function orderTree<T extends { id: string; parentId: string | null }>(items: T[], rootId: string): T[] {
  const out: T[] = [];
  const visit = (parentId: string) => {
    for (const item of items.filter((i) => i.parentId === parentId)) {
      out.push(item);
      visit(item.id);
    }
  };
  visit(rootId);
  return out;
}
