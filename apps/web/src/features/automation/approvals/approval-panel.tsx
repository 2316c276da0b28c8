import { useState } from 'react';
import { Button, Card, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../api/platform';
import { errorMessage } from '../../../components/api-errors';
import { ApprovalRequestCard, useApprovalRefresh } from './approval-request-card';
import { approvalsApi, recordApprovalsKey, type TRecordApprovals } from './approvals-api';

function SubmitModal({ object, recordId, processes, onClose }: { object: string; recordId: string; processes: TRecordApprovals['processes']; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useApprovalRefresh();
  const [processId, setProcessId] = useState<string | null>(processes[0]?.id ?? null);
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const needsChoice = processes.find((p) => p.id === processId)?.needsChosenApprover ?? false;
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: needsChoice });
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: () => approvalsApi.submit({ processId: processId ?? undefined, object, recordId, comment, chosenApproverId: needsChoice ? chosen : undefined }),
    onSuccess: (r) => { refresh(r); notifications.show({ color: 'green', message: t('approvals.submitted') }); onClose(); },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal opened onClose={onClose} title={t('approvals.submitTitle')}>
      <Stack>
        {processes.length > 1 && <Select label={t('approvals.process')} data={processes.map((p) => ({ value: p.id, label: p.name }))} value={processId} onChange={setProcessId} allowDeselect={false} comboboxProps={{ withinPortal: true }} />}
        {processes.length === 1 && <Text size="sm">{t('approvals.processNamed', { name: processes[0].name })}</Text>}
        {needsChoice && (
          <Select label={t('approvals.chosenApprover')} searchable required value={chosen} onChange={setChosen} comboboxProps={{ withinPortal: true }}
            data={(members.data?.data ?? []).filter((m) => m.status === 'active').map((m) => ({ value: m.userId, label: m.name }))} />
        )}
        <Textarea label={t('approvals.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
        {error && <Text c="red" size="sm" role="alert">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button leftSection={<IconSend size={16} />} loading={submit.isPending} disabled={!processId} onClick={() => submit.mutate()}>{t('approvals.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A record's approval: its latest request (steps, who decided what, locked fields) and the
 * "Submit for approval" button while none is pending and a process applies to its kind.
 */
export function ApprovalPanel({ object, recordId, disabled = false }: { object: string; recordId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const data = useQuery({ queryKey: recordApprovalsKey(object, recordId), queryFn: () => approvalsApi.record(object, recordId), retry: false });
  const [submitting, setSubmitting] = useState(false);
  const d = data.data;
  if (!d || (!d.latest && d.processes.length === 0)) return null;
  const canSubmit = !disabled && d.processes.length > 0 && d.latest?.status !== 'pending' && !d.latest?.canResubmit;
  return (
    <Card withBorder data-testid="approval-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('approvals.panelTitle')}</Text>
          {canSubmit && <Button size="xs" leftSection={<IconSend size={14} />} onClick={() => setSubmitting(true)}>{t('approvals.submitForApproval')}</Button>}
        </Group>
        {d.latest ? <ApprovalRequestCard request={d.latest} showRecord={false} /> : <Text size="sm" c="dimmed">{t('approvals.none')}</Text>}
      </Stack>
      {submitting && <SubmitModal object={object} recordId={recordId} processes={d.processes} onClose={() => setSubmitting(false)} />}
    </Card>
  );
}
