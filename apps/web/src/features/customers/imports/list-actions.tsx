import { Button, Group } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAccess, useSession } from '../../../app/session';
import { ExportButton } from './export-button';

/** Import and Export beside a list's own actions: export takes the view's filter, sort and columns. */
export function ListImportExport({ object, query, fields }: { object: 'contact' | 'account'; query: Record<string, string | undefined>; fields: string[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { sort, ...filters } = query;
  return (
    <Group gap="xs">
      {canAccess(session, object, 'create') && <Button onClick={() => void navigate({ to: '/imports/new', search: { object } })} variant="default" leftSection={<IconUpload size={16} />} data-testid="import-button">{t('imports.importButton')}</Button>}
      <ExportButton object={object} filters={filters} sort={sort ?? '-updatedAt'} fields={fields} />
    </Group>
  );
}
