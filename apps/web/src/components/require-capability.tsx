import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { hasCapability, useSession } from '../app/session';

/** Shows the page only to users whose role holds the capability (the API enforces it too). */
export function RequireCapability({ capability, children }: { capability: string; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!hasCapability(session, capability)) {
    return <Alert color="yellow" icon={<IconLock size={18} />} title={t('errors.noAccessTitle')}>{t('errors.noAccess')}</Alert>;
  }
  return <>{children}</>;
}
