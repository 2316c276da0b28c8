import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Modal, NumberInput, Radio, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TConvertLeadRequest, TDuplicateMatch } from '@voyage/contracts';
import { ApiError } from '../../../api/client';
import { errorMessage, notifySaved } from '../../../components/api-errors';
import { LEADS_KEY, leadsApi, type TLead } from './leads-api';

type Mode = 'create' | 'existing' | 'none';

/** The exact match (score 1) the reader may open, preselected as "use existing". */
const exact = (matches: TDuplicateMatch[]) => matches.find((m) => m.accessible && m.id && m.score >= 1)?.id ?? null;

function Matches({ matches, value, onChange, name }: { matches: TDuplicateMatch[]; value: string | null; onChange: (id: string) => void; name: string }) {
  const { t } = useTranslation();
  if (matches.length === 0) return <Text size="sm" c="dimmed">{t('leads.noMatches')}</Text>;
  return (
    <Radio.Group value={value} onChange={onChange} name={name} label={t('leads.matches')}>
      <Stack gap={4} mt={4}>
        {matches.map((m, i) => (
          <Radio key={m.id ?? `hidden-${i}`} value={m.id ?? `hidden-${i}`} disabled={!m.accessible || !m.id}
            label={m.accessible ? `${m.title} (${Math.round(m.score * 100)}%)` : `${m.title} — ${t('leads.matchNoAccess', { owner: m.ownerName ?? '' })}`} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Convert a lead: account, contact and deal, each created new or matched to an existing record. */
export function ConvertLeadModal({ opened, onClose, lead }: { opened: boolean; onClose: () => void; lead: TLead }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const preview = useQuery({ queryKey: [...LEADS_KEY, lead.id, 'convert-preview'], queryFn: () => leadsApi.convertPreview(lead.id), enabled: opened });
  const [accountMode, setAccountMode] = useState<Mode>('create');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [accountName, setAccountName] = useState('');
  const [contactMode, setContactMode] = useState<Mode>('create');
  const [contactId, setContactId] = useState<string | null>(null);
  const [dealMode, setDealMode] = useState<Mode>('create');
  const [dealName, setDealName] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [closeDate, setCloseDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setAccountName(lead.company ?? lead.name ?? '');
    setDealName(lead.company ?? lead.name ?? '');
    setError(null);
  }, [opened, lead.id]);
  useEffect(() => {
    if (!preview.data) return;
    const a = exact(preview.data.accounts);
    const c = exact(preview.data.contacts);
    setAccountId(a); setAccountMode(a ? 'existing' : lead.company ? 'create' : 'none');
    setContactId(c); setContactMode(c ? 'existing' : 'create');
  }, [preview.data]);
  const submit = async () => {
    setError(null);
    const body: TConvertLeadRequest = {
      version: lead.version ?? 1,
      account: accountMode === 'existing' && accountId ? { mode: 'existing', id: accountId } : accountMode === 'create' ? { mode: 'create', name: accountName.trim() || undefined } : { mode: 'none' },
      contact: contactMode === 'existing' && contactId ? { mode: 'existing', id: contactId } : { mode: 'create' },
      deal: dealMode === 'create' ? { mode: 'create', name: dealName.trim(), ...(typeof amount === 'number' ? { amountMinor: Math.round(amount) } : {}), ...(closeDate ? { closeDate } : {}) } : { mode: 'none' },
    };
    setBusy(true);
    try {
      await leadsApi.convert(lead.id, body);
      await client.invalidateQueries({ queryKey: LEADS_KEY });
      notifySaved(t('leads.convertDone'));
      onClose();
    } catch (e) {
      const fields = e instanceof ApiError ? Object.entries(e.fieldErrors).map(([f, m]) => `${f}: ${m}`) : [];
      setError([errorMessage(e), ...fields].join(' — '));
    } finally {
      setBusy(false);
    }
  };
  const modes = (withNone: boolean, withExisting = true) => [
    { value: 'create', label: t('leads.createNew') },
    ...(withExisting ? [{ value: 'existing', label: t('leads.useExisting') }] : []),
    ...(withNone ? [{ value: 'none', label: t('leads.none') }] : []),
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.convertTitle')} size="lg">
      <Stack>
        {error && <Alert color="red" data-testid="convert-error">{error}</Alert>}
        <Card withBorder>
          <Stack gap="xs">
            <Group justify="space-between"><Text fw={600}>{t('leads.accountSection')}</Text><SegmentedControl size="xs" value={accountMode} onChange={(v) => setAccountMode(v as Mode)} data={modes(true)} /></Group>
            {accountMode === 'create' && <TextInput label={t('leads.accountName')} value={accountName} onChange={(e) => setAccountName(e.currentTarget.value)} />}
            {accountMode === 'existing' && <Matches name="account" matches={preview.data?.accounts ?? []} value={accountId} onChange={setAccountId} />}
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Group justify="space-between"><Text fw={600}>{t('leads.contactSection')}</Text><SegmentedControl size="xs" value={contactMode} onChange={(v) => setContactMode(v as Mode)} data={modes(false)} /></Group>
            {contactMode === 'create' && <Text size="sm">{[lead.name, lead.email, lead.mobile ?? lead.phone].filter(Boolean).join(' · ')}</Text>}
            {contactMode === 'existing' && <Matches name="contact" matches={preview.data?.contacts ?? []} value={contactId} onChange={setContactId} />}
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Group justify="space-between"><Text fw={600}>{t('leads.dealSection')}</Text><SegmentedControl size="xs" value={dealMode} onChange={(v) => setDealMode(v as Mode)} data={modes(true, false)} /></Group>
            {dealMode === 'create' && (
              <Group grow align="flex-start">
                <TextInput label={t('leads.dealName')} required value={dealName} onChange={(e) => setDealName(e.currentTarget.value)} data-testid="convert-deal-name" />
                <NumberInput label={t('leads.amount')} min={0} allowDecimal={false} value={amount} onChange={setAmount} />
                <TextInput label={t('leads.closeDate')} placeholder="2027-03-31" value={closeDate} onChange={(e) => setCloseDate(e.currentTarget.value)} />
              </Group>
            )}
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('leads.cancel')}</Button>
          <Button onClick={() => void submit()} loading={busy} disabled={(accountMode === 'existing' && !accountId) || (contactMode === 'existing' && !contactId) || (dealMode === 'create' && !dealName.trim())} data-testid="convert-submit">{t('leads.convert')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
