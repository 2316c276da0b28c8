import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../api/platform';
import { canAccess, useSession } from '../../../app/session';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../i18n/format';
import { ConvertLeadModal } from './convert-lead-modal';
import { LeadFormModal } from './lead-form-modal';
import { LEAD_DISQUALIFY_REASONS, LEADS_KEY, leadsApi, STATUS_COLORS, type TLead } from './leads-api';

/** A lead: its profile, status actions (qualify, disqualify, claim, assign, convert) and what it became. */
export function LeadPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const lead = useQuery({ queryKey: [...LEADS_KEY, id], queryFn: () => leadsApi.get(id) });
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const l = lead.data;
  const memberName = new Map((members.data?.data ?? []).map((m) => [m.userId, m.name]));
  const act = async (action: () => Promise<unknown>, message?: string) => {
    try {
      await action();
      await client.invalidateQueries({ queryKey: LEADS_KEY });
      notifySaved(message);
    } catch (e) {
      notifyError(e);
    }
  };
  const field = (label: string, value: React.ReactNode) => (<div><Text size="xs" c="dimmed">{label}</Text><Text size="sm">{value || '–'}</Text></div>);
  const canEdit = canAccess(session, 'lead', 'update');
  const open = l && l.status !== 'converted';
  return (
    <Stack>
      <QueryState query={lead} />
      {l && (
        <>
          <PageHeader
            title={l.name ?? ''}
            description={[l.title, l.company].filter(Boolean).join(' · ')}
            actions={<Badge size="lg" color={STATUS_COLORS[l.status ?? 'new']} data-testid="lead-status">{t(`leads.statuses.${l.status ?? 'new'}`)}</Badge>}
          />
          {canEdit && open && (
            <Group gap="xs">
              <Button onClick={() => setConverting(true)} disabled={l.status === 'disqualified'} data-testid="lead-convert">{t('leads.convert')}</Button>
              <Button variant="default" onClick={() => setEditing(true)}>{t('leads.edit')}</Button>
              {l.status !== 'qualified' && l.status !== 'disqualified' && <Button variant="light" color="green" onClick={() => void act(() => leadsApi.qualify(l.id, l.version ?? 1))}>{t('leads.qualify')}</Button>}
              {l.status !== 'disqualified' && <Button variant="light" color="gray" onClick={() => setDisqualifying(true)}>{t('leads.disqualify')}</Button>}
              {(l.status === 'qualified' || l.status === 'disqualified') && <Button variant="subtle" onClick={() => void act(() => leadsApi.reopen(l.id, l.version ?? 1))}>{t('leads.reopen')}</Button>}
              {!l.ownerId && <Button variant="light" onClick={() => void act(() => leadsApi.claim(l.id, l.version ?? 1), t('leads.claimed'))}>{t('leads.claim')}</Button>}
              <Group gap={4}>
                <Select placeholder={t('leads.assignTo')} searchable clearable value={assignTo} onChange={setAssignTo} data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} w={160} aria-label={t('leads.assignTo')} />
                <Button variant="default" disabled={!assignTo} onClick={() => void act(() => leadsApi.assign(l.id, l.version ?? 1, assignTo), t('leads.assigned'))}>{t('leads.assign')}</Button>
                {l.ownerId && <Button variant="subtle" onClick={() => void act(() => leadsApi.assign(l.id, l.version ?? 1, null), t('leads.assigned'))}>{t('leads.backToPool')}</Button>}
              </Group>
              {canAccess(session, 'lead', 'delete') && <Button variant="subtle" color="red" onClick={() => void act(async () => { await leadsApi.remove(l.id); void navigate({ to: '/leads' }); }, t('leads.deleted'))}>{t('leads.delete')}</Button>}
            </Group>
          )}
          {l.status === 'disqualified' && <Alert color="gray">{t('leads.disqualifiedBecause', { reason: (LEAD_DISQUALIFY_REASONS as readonly string[]).includes(l.disqualifyReason ?? '') ? t(`leads.reasons.${l.disqualifyReason}`) : l.disqualifyReason })}{l.disqualifyNote ? ` — ${l.disqualifyNote}` : ''}</Alert>}
          {l.status === 'converted' && (
            <Card withBorder data-testid="lead-converted">
              <Text fw={600} mb="xs">{t('leads.becameTitle')}</Text>
              <Group gap="lg">
                {l.convertedAccountId && <Anchor component={Link} to={`/accounts/${l.convertedAccountId}`}>{t('leads.openAccount')}</Anchor>}
                {l.convertedContactId && <Anchor component={Link} to={`/contacts/${l.convertedContactId}`}>{t('leads.openContact')}</Anchor>}
                {l.convertedDealId && <Anchor component={Link} to={`/deals/${l.convertedDealId}`} data-testid="lead-deal-link">{t('leads.openDeal')}</Anchor>}
              </Group>
              <Text size="xs" c="dimmed" mt="xs">{t('leads.convertedOn', { date: formatDateTime(l.convertedAt) })}</Text>
            </Card>
          )}
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field(t('leads.email'), l.email)}
              {field(t('leads.phone'), l.phone)}
              {field(t('leads.mobile'), l.mobile)}
              {field(t('leads.source'), l.source ? t(`leads.sources.${l.source}`) : null)}
              {field(t('leads.channel'), l.channel)}
              {field(t('leads.owner'), l.ownerId ? memberName.get(l.ownerId) ?? '' : t('leads.noOwner'))}
              {field(t('leads.region'), l.region)}
              {field(t('leads.industry'), l.industry)}
              {field(t('leads.size'), l.size)}
            </SimpleGrid>
          </Card>
          <LeadFormModal opened={editing} onClose={() => setEditing(false)} lead={l} />
          {converting && <ConvertLeadModal opened={converting} onClose={() => setConverting(false)} lead={l as TLead} />}
          <Modal opened={disqualifying} onClose={() => setDisqualifying(false)} title={t('leads.disqualify')}>
            <Stack>
              <Select label={t('leads.reason')} required value={reason} onChange={setReason} data={LEAD_DISQUALIFY_REASONS.map((r) => ({ value: r, label: t(`leads.reasons.${r}`) }))} />
              <Textarea label={t('leads.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDisqualifying(false)}>{t('leads.cancel')}</Button>
                <Button disabled={!reason} onClick={() => void act(async () => { await leadsApi.disqualify(l.id, l.version ?? 1, reason ?? '', note.trim() || null); setDisqualifying(false); })}>{t('leads.disqualify')}</Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}
