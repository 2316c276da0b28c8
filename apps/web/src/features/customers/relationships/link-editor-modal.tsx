import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { CustomerObject } from '../record-config';
import { RecordSelect } from '../record-select';
import { INFLUENCE, relationshipsApi, roleLabel, type TAccountContactLink } from './relationships-api';

/**
 * Adds or edits a link from one record's page: pick the other record (new links only), the
 * role, influence, the primary flag and whom the contact reports to at that account.
 */
export function LinkEditorModal({ object, id, link, opened, onClose }: { object: CustomerObject; id: string; link: TAccountContactLink | null; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const other: CustomerObject = object === 'account' ? 'contact' : 'account';
  const [otherId, setOtherId] = useState<string | null>(link ? (object === 'account' ? link.contactId : link.accountId) : null);
  const [role, setRole] = useState<string | null>(link?.role ?? null);
  const [influence, setInfluence] = useState<string | null>(link?.influence ?? null);
  const [isPrimary, setPrimary] = useState(link?.isPrimary ?? false);
  const [reportsToId, setReportsTo] = useState<string | null>(link?.reportsToId ?? null);
  const roles = useQuery({ queryKey: ['contact-roles'], queryFn: relationshipsApi.roles, staleTime: 300_000 });
  const accountId = object === 'account' ? id : otherId;
  const contactId = object === 'contact' ? id : otherId;
  const colleagues = useQuery({ queryKey: ['relationships', 'links', 'account', accountId], queryFn: () => relationshipsApi.links('account', accountId!), enabled: Boolean(accountId) });
  const save = useMutation({
    mutationFn: () => {
      const fields = { role, influence: influence as TAccountContactLink['influence'], isPrimary, reportsToId };
      return link ? relationshipsApi.updateLink(object, id, otherId!, fields) : relationshipsApi.link(object, id, otherId!, fields);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['relationships'] });
      await qc.invalidateQueries({ queryKey: [object === 'account' ? 'contacts' : 'accounts'] });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const shownOnField = ['role', 'reportsToId', 'contactId', 'accountId'].some((f) => errors[f]);
  return (
    <Modal opened={opened} onClose={onClose} title={link ? t('relationships.editLink') : t('relationships.addLink')} centered>
      <Stack gap="sm">
        {link ? (
          <Text fw={600}>{object === 'account' ? link.contact.name : link.account.name}</Text>
        ) : (
          <RecordSelect object={other} label={t(`relationships.pick.${other}`)} value={otherId} onChange={setOtherId} required error={errors.contactId ?? errors.accountId} />
        )}
        <Select label={t('relationships.role')} clearable value={role} onChange={setRole} error={errors.role} comboboxProps={{ withinPortal: true }}
          data={(roles.data?.data ?? []).map((r) => ({ value: r.key, label: roleLabel(roles.data?.data, r.key, i18n.language)! }))} />
        <Select label={t('relationships.influenceLabel')} clearable value={influence} onChange={setInfluence} comboboxProps={{ withinPortal: true }}
          data={INFLUENCE.map((v) => ({ value: v, label: t(`relationships.influence.${v}`) }))} />
        <Select label={t('relationships.reportsTo')} clearable searchable value={reportsToId} onChange={setReportsTo} error={errors.reportsToId} disabled={!accountId} comboboxProps={{ withinPortal: true }}
          data={(colleagues.data?.data ?? []).filter((l) => l.contactId !== contactId).map((l) => ({ value: l.contactId, label: l.contact.name ?? l.contactId }))} />
        <Checkbox label={t('relationships.primaryLabel')} description={t('relationships.primaryHint')} checked={isPrimary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
        {save.error && !shownOnField && <Text c="red" size="sm">{save.error.message}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('relationships.cancel')}</Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!otherId}>{t('relationships.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
