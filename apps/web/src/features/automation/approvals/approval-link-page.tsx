import { useState } from 'react';
import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/api-errors';
import { formatDateTime } from '../../../i18n/format';
import { AuthCard } from '../../auth/auth-card';
import { ApprovalRequestCard } from './approval-request-card';
import { approvalLinksApi, type TApprovalRequest } from './approvals-api';

/**
 * The page an approval email links to: the request and the decision buttons, without signing in.
 * The signed link is the approver's key for this one decision; the server refuses it when it
 * expired, was tampered with, was used, or the request moved on.
 */
export function ApprovalLinkPage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: '/approval-link' });
  const link = useQuery({ queryKey: ['approval-link', token], queryFn: () => approvalLinksApi.get(token), enabled: Boolean(token), retry: false, staleTime: Infinity });
  const [decided, setDecided] = useState<TApprovalRequest | null>(null);
  const request = decided ?? link.data?.request;
  return (
    <AuthCard title={t('approvals.link.title')} subtitle={link.data ? t('approvals.link.for', { name: link.data.approverName }) : undefined} width={640}>
      {!token && <Alert color="red" role="alert" data-testid="approval-link-error">{t('approvals.link.missing')}</Alert>}
      {link.isError && <Alert color="red" role="alert" title={t('approvals.link.refused')} data-testid="approval-link-error">{errorMessage(link.error)}</Alert>}
      {link.isLoading && <Loader size="sm" />}
      {request && (
        <Stack gap="sm" data-testid="approval-link">
          <ApprovalRequestCard request={request} linkRecord={false} decide={(decision, comment) => approvalLinksApi.decide(token, decision, comment)} onDecided={setDecided} />
          {decided
            ? <Alert color="green" role="status" data-testid="approval-link-done">{t('approvals.link.done')}</Alert>
            : link.data && <Text size="xs" c="dimmed">{t('approvals.link.expires', { at: formatDateTime(link.data.expiresAt) })}</Text>}
        </Stack>
      )}
      <Anchor component={Link} to="/approvals" size="sm" ta="center">{t('approvals.link.openInApp')}</Anchor>
    </AuthCard>
  );
}
