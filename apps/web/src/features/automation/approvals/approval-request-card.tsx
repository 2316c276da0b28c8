import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCornerUpLeft, IconLock, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/api-errors';
import { formatDateTime } from '../../../i18n/format';
import { approvalKey, approvalsApi, INBOX_KEY, recordApprovalsKey, STATUS_COLOR, type TApprovalRequest, type TDecision } from './approvals-api';

/** Where a record of a kind opens in the app. */
export const recordPath = (object: string, id: string) => (object === 'deal' ? `/deals/${id}` : object === 'account' ? `/accounts/${id}` : object === 'contact' ? `/contacts/${id}` : object === 'lead' ? `/leads/${id}` : null);

export function ApprovalStatusBadge({ status }: { status: TApprovalRequest['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} variant="light" data-testid="approval-status">{t(`approvals.status.${status}`)}</Badge>;
}

/** Refreshes every view of a request after a change. */
export function useApprovalRefresh() {
  const queryClient = useQueryClient();
  return (r: TApprovalRequest) => {
    queryClient.setQueryData(approvalKey(r.id), r);
    // The record itself too: an outcome may have changed its fields (the deal page's, the 360° page's key).
    for (const key of [INBOX_KEY, recordApprovalsKey(r.object, r.recordId), ['deal', r.recordId], ['records', r.object, 'one', r.recordId]]) void queryClient.invalidateQueries({ queryKey: key });
  };
}

/** The stages of the current round: who was asked, who decided what, with their comments. */
function Stages({ request }: { request: TApprovalRequest }) {
  const { t } = useTranslation();
  const tasks = request.tasks.filter((x) => x.round === request.round);
  // Highlighted up to the last stage approved in this round.
  const active = Math.max(-1, ...tasks.filter((x) => x.status === 'approved').map((x) => x.stageIndex));
  return (
    <Timeline active={active} bulletSize={18} lineWidth={2} data-testid="approval-stages">
      {request.stages.map((stage, i) => (
        <Timeline.Item key={`${stage.stepId}-${stage.level}`} title={stage.name}>
          {stage.mode === 'all' && <Text size="xs" c="dimmed">{t('approvals.allOfThem')}</Text>}
          {tasks.filter((x) => x.stageIndex === i).map((task) => (
            <Text key={task.id} size="sm">
              {task.automatic ? t('approvals.automatic') : task.approverName}
              {' · '}
              <Text span c={task.status === 'approved' ? 'green' : task.status === 'pending' ? 'blue' : task.status === 'rejected' ? 'red' : 'dimmed'}>{t(`approvals.taskStatus.${task.status}`)}</Text>
              {task.comment && <Text span c="dimmed">{` — ${task.comment}`}</Text>}
            </Text>
          ))}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

interface CardProps {
  request: TApprovalRequest;
  showRecord?: boolean;
  /** Link the record's title to its page (not on the emailed link's page, which works without signing in). */
  linkRecord?: boolean;
  /** How a decision is sent: the inbox's route by default, the emailed link's on its page (only deciding, then). */
  decide?: (decision: TDecision, comment: string) => Promise<TApprovalRequest>;
  onDecided?: (request: TApprovalRequest) => void;
}

/** One request: the record, the stages, the history and, for whoever may, the decision buttons with a comment. */
export function ApprovalRequestCard({ request, showRecord = true, linkRecord = true, decide: send, onDecided }: CardProps) {
  const { t } = useTranslation();
  const refresh = useApprovalRefresh();
  const [comment, setComment] = useState('');
  const byLink = Boolean(send);
  const decide = useMutation({
    mutationFn: (decision: TDecision) => (send ? send(decision, comment) : approvalsApi.decide(request.id, decision, comment)),
    onSuccess: (r) => { setComment(''); refresh(r); onDecided?.(r); notifications.show({ color: 'green', message: t(`approvals.decided.${r.status === 'pending' ? 'approved' : r.status}`) }); },
    onError: (e) => notifications.show({ color: 'red', title: t('approvals.decisionRefused'), message: errorMessage(e) }),
  });
  const withdraw = useMutation({
    mutationFn: () => approvalsApi.withdraw(request.id, comment),
    onSuccess: (r) => { setComment(''); refresh(r); },
    onError: (e) => notifications.show({ color: 'red', title: t('approvals.decisionRefused'), message: errorMessage(e) }),
  });
  const resubmit = useMutation({
    mutationFn: () => approvalsApi.resubmit(request.id, comment),
    onSuccess: (r) => { setComment(''); refresh(r); },
    onError: (e) => notifications.show({ color: 'red', title: t('approvals.decisionRefused'), message: errorMessage(e) }),
  });
  const path = linkRecord ? recordPath(request.object, request.recordId) : null;
  const canWithdraw = request.canWithdraw && !byLink;
  const canResubmit = request.canResubmit && !byLink;
  const busy = decide.isPending || withdraw.isPending || resubmit.isPending;
  return (
    <Card withBorder data-testid="approval-request">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            {showRecord && (
              <Text fw={600}>
                {request.objectLabel}{' · '}
                {path ? <Anchor component={Link} to={path}>{request.recordTitle ?? request.recordId}</Anchor> : request.recordTitle}
              </Text>
            )}
            <Text size="sm" c="dimmed">{t('approvals.submittedBy', { process: request.processName, name: request.submitterName, at: formatDateTime(request.submittedAt) })}{request.round > 1 ? ` · ${t('approvals.round', { n: request.round })}` : ''}</Text>
          </Stack>
          <ApprovalStatusBadge status={request.status} />
        </Group>
        {request.lockedFields.length > 0 && (
          <Group gap={6}>
            <IconLock size={14} />
            <Text size="sm" data-testid="approval-locked-fields">{t('approvals.lockedFields', { fields: request.lockedFieldLabels.join(', ') })}</Text>
          </Group>
        )}
        <Stages request={request} />
        {request.history.length > 0 && (
          <Stack gap={2}>
            {request.history.filter((h) => h.comment).map((h) => (
              <Text key={`${h.at}-${h.action}`} size="xs" c="dimmed">{formatDateTime(h.at)} · {h.actorName ?? t('approvals.automatic')} · {t(`approvals.action.${h.action}`)}: {h.comment}</Text>
            ))}
          </Stack>
        )}
        {(request.canDecide || canWithdraw || canResubmit) && (
          <>
            <Textarea label={t('approvals.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
            <Group gap="xs">
              {request.canDecide && (
                <>
                  <Button color="green" leftSection={<IconCheck size={16} />} loading={decide.isPending && decide.variables === 'approve'} disabled={busy} onClick={() => decide.mutate('approve')}>{t('approvals.approve')}</Button>
                  <Button color="red" variant="light" leftSection={<IconX size={16} />} loading={decide.isPending && decide.variables === 'reject'} disabled={busy} onClick={() => decide.mutate('reject')}>{t('approvals.reject')}</Button>
                  <Button color="orange" variant="light" leftSection={<IconCornerUpLeft size={16} />} loading={decide.isPending && decide.variables === 'return'} disabled={busy} onClick={() => decide.mutate('return')}>{t('approvals.return')}</Button>
                </>
              )}
              {canWithdraw && <Button variant="default" loading={withdraw.isPending} disabled={busy} onClick={() => withdraw.mutate()}>{t('approvals.withdraw')}</Button>}
              {canResubmit && <Button variant="light" loading={resubmit.isPending} disabled={busy} onClick={() => resubmit.mutate()}>{t('approvals.resubmit')}</Button>}
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
