import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyApiError, notifySaved } from '../../../components/api-errors';
import { useSession } from '../../../app/session';
import { LEAD_SIZES, LEAD_SOURCES, LEADS_KEY, leadsApi, type TLead } from './leads-api';

const FIELDS = ['name', 'company', 'title', 'email', 'phone', 'mobile', 'region', 'industry', 'channel'] as const;
type Values = Record<(typeof FIELDS)[number], string> & { size: string; source: string; ownerMode: 'me' | 'rules' | 'pool' };

/** Create a lead (owner: me, the assignment rules or the pool) or edit one's profile. */
export function LeadFormModal({ opened, onClose, lead, onSaved }: { opened: boolean; onClose: () => void; lead?: TLead | null; onSaved?: (lead: TLead) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: { name: '', company: '', title: '', email: '', phone: '', mobile: '', region: '', industry: '', channel: '', size: '', source: 'other', ownerMode: 'me' } });
  useEffect(() => {
    if (!opened) return;
    setError(null);
    form.setValues({
      ...Object.fromEntries(FIELDS.map((f) => [f, (lead?.[f] as string | null | undefined) ?? ''])) as Record<(typeof FIELDS)[number], string>,
      size: lead?.size ?? '', source: lead?.source ?? 'other', ownerMode: 'me',
    });
    // Only when the modal opens, or opens on another lead.
  }, [opened, lead?.id]);
  const save = form.onSubmit(async (v) => {
    setError(null);
    const text = (s: string) => s.trim() || null;
    const body = {
      company: text(v.company), title: text(v.title), email: text(v.email), phone: text(v.phone), mobile: text(v.mobile), region: text(v.region), industry: text(v.industry),
      channel: text(v.channel), size: (v.size || null) as TLead['size'] as never, source: v.source as never,
    };
    try {
      const saved = lead
        ? await leadsApi.update(lead.id, { version: lead.version ?? 1, name: v.name.trim(), ...body })
        : await leadsApi.create({ name: v.name.trim(), ...body, ...(v.ownerMode === 'me' ? { ownerId: session.user.id } : v.ownerMode === 'pool' ? { ownerId: null } : {}) });
      void client.invalidateQueries({ queryKey: LEADS_KEY });
      notifySaved(lead ? undefined : t('leads.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(applyApiError(form, e, [...FIELDS, 'size', 'source']));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={lead ? t('leads.edit') : t('leads.new')} size="lg">
      <form onSubmit={save}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('leads.name')} required data-autofocus {...form.getInputProps('name')} />
            <TextInput label={t('leads.company')} {...form.getInputProps('company')} />
            <TextInput label={t('leads.jobTitle')} {...form.getInputProps('title')} />
            <TextInput label={t('leads.email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('leads.phone')} {...form.getInputProps('phone')} />
            <TextInput label={t('leads.mobile')} {...form.getInputProps('mobile')} />
            <TextInput label={t('leads.region')} {...form.getInputProps('region')} />
            <TextInput label={t('leads.industry')} {...form.getInputProps('industry')} />
            <Select label={t('leads.size')} clearable data={LEAD_SIZES.map((s) => ({ value: s, label: s }))} {...form.getInputProps('size')} />
            <Select label={t('leads.source')} allowDeselect={false} data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.sources.${s}`) }))} {...form.getInputProps('source')} />
            <TextInput label={t('leads.channel')} {...form.getInputProps('channel')} />
          </SimpleGrid>
          {!lead && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>{t('leads.ownerMode')}</Text>
              <SegmentedControl data={[{ value: 'me', label: t('leads.ownerMe') }, { value: 'rules', label: t('leads.ownerRules') }, { value: 'pool', label: t('leads.ownerPool') }]} {...form.getInputProps('ownerMode')} />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('leads.cancel')}</Button>
            <Button type="submit" loading={form.submitting}>{t('leads.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
