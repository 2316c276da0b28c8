import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconStarFilled, IconUnlink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerObject } from '../record-config';
import { LinkEditorModal } from './link-editor-modal';
import { relationshipsApi, roleColor, roleLabel, type TAccountContactLink } from './relationships-api';

/** The other ends of a record's links, with role, primary star, edit and unlink. */
export function LinksList({ object, id }: { object: CustomerObject; id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<TAccountContactLink | 'new' | null>(null);
  const links = useQuery({ queryKey: ['relationships', 'links', object, id], queryFn: () => relationshipsApi.links(object, id) });
  const roles = useQuery({ queryKey: ['contact-roles'], queryFn: relationshipsApi.roles, staleTime: 300_000 });
  const unlink = useMutation({
    mutationFn: (l: TAccountContactLink) => relationshipsApi.unlink(object, id, object === 'account' ? l.contactId : l.accountId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['relationships'] }),
  });
  const rows = links.data?.data ?? [];
  return (
    <Stack gap={6}>
      {rows.length === 0 && !links.isPending && <Text size="sm" c="dimmed">{t(`relationships.empty.${object}`)}</Text>}
      {rows.map((l) => {
        const end = object === 'account' ? l.contact : l.account;
        const to = object === 'account' ? `/contacts/${l.contactId}` : `/accounts/${l.accountId}`;
        const label = roleLabel(roles.data?.data, l.role, i18n.language);
        return (
          <Group key={`${l.accountId}:${l.contactId}`} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              {l.isPrimary && <Tooltip label={t('relationships.primary')}><IconStarFilled size={12} color="#f59f00" aria-label={t('relationships.primary')} /></Tooltip>}
              <Text size="sm" component={Link} to={to as never} truncate>{end.name}</Text>
              {label && <Badge size="xs" variant="light" color={roleColor(roles.data?.data, l.role)} styles={{ root: { textTransform: 'none', flexShrink: 0 } }}>{label}</Badge>}
            </Group>
            <Group gap={2} wrap="nowrap">
              <ActionIcon variant="subtle" size="sm" aria-label={t('relationships.editLink')} onClick={() => setEditing(l)}><IconPencil size={14} /></ActionIcon>
              <ActionIcon variant="subtle" size="sm" color="red" aria-label={t('relationships.unlink')} onClick={() => { if (window.confirm(t('relationships.confirmUnlink', { name: end.name ?? '' }))) unlink.mutate(l); }}><IconUnlink size={14} /></ActionIcon>
            </Group>
          </Group>
        );
      })}
      {unlink.error && <Text c="red" size="sm">{unlink.error.message}</Text>}
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} style={{ alignSelf: 'flex-start' }}>{t('relationships.addLink')}</Button>
      {editing && <LinkEditorModal object={object} id={id} link={editing === 'new' ? null : editing} opened onClose={() => setEditing(null)} />}
    </Stack>
  );
}
