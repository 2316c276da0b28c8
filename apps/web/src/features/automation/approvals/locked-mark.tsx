import { Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { approvalsApi, recordApprovalsKey } from './approvals-api';

/** A lock beside a field a pending approval holds (the same query as the record's approval panel). */
export function LockedMark({ object, recordId, field }: { object: string; recordId: string; field: string }) {
  const { t } = useTranslation();
  const data = useQuery({ queryKey: recordApprovalsKey(object, recordId), queryFn: () => approvalsApi.record(object, recordId), retry: false });
  if (!data.data?.lockedFields.includes(field)) return null;
  return (
    <Tooltip label={t('approvals.lockedHint')} withinPortal>
      <IconLock size={14} style={{ marginLeft: 6, verticalAlign: 'middle' }} aria-label={t('approvals.lockedHint')} data-testid={`locked-${field}`} />
    </Tooltip>
  );
}
