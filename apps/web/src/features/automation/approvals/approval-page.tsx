import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { ApprovalRequestCard } from './approval-request-card';
import { approvalKey, approvalsApi } from './approvals-api';

/** One request, where the notification and the email link lead: the decision buttons after sign-in. */
export function ApprovalPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const request = useQuery({ queryKey: approvalKey(id), queryFn: () => approvalsApi.get(id) });
  return (
    <Stack>
      <PageHeader title={t('approvals.requestTitle')} actions={<Anchor component={Link} to="/approvals">{t('approvals.backToInbox')}</Anchor>} />
      <QueryState query={request} />
      {request.data && <ApprovalRequestCard request={request.data} />}
    </Stack>
  );
}
