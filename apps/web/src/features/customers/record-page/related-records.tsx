import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountsApi, contactsApi } from '../../../api/customers';
import type { CustomerObject, RecordRow } from '../record-config';

/** The contact's account, or the account's contacts. */
export function RelatedRecords({ object, record }: { object: CustomerObject; record: RecordRow }) {
  const { t } = useTranslation();
  const accountId = object === 'contact' ? (record.accountId as string | null) : null;
  const account = useQuery({ queryKey: ['records', 'account', 'one', accountId], queryFn: () => accountsApi.get(accountId!), enabled: Boolean(accountId), retry: false });
  const people = useQuery({
    queryKey: ['records', 'contact', 'of-account', record.id],
    queryFn: ({ signal }) => contactsApi.list({ 'filter[accountId][eq]': record.id, limit: 20, fields: 'id,name,title', sort: 'name' }, signal),
    enabled: object === 'account',
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Text fw={600}>{t('timeline.related')}</Text>
        {object === 'contact' && (
          <>
            <Text size="xs" c="dimmed">{t('timeline.account')}</Text>
            {accountId
              ? <Anchor component={Link} to={`/accounts/${accountId}`} size="sm">{account.data?.name ?? '…'}</Anchor>
              : <Text size="sm" c="dimmed">{t('timeline.noAccount')}</Text>}
          </>
        )}
        {object === 'account' && (
          <>
            <Text size="xs" c="dimmed">{t('timeline.contacts')}</Text>
            {(people.data?.data ?? []).map((c) => (
              <div key={c.id}>
                <Anchor component={Link} to={`/contacts/${c.id}`} size="sm">{c.name}</Anchor>
                {c.title && <Text span size="xs" c="dimmed"> · {c.title}</Text>}
              </div>
            ))}
            {people.isSuccess && people.data.data.length === 0 && <Text size="sm" c="dimmed">{t('timeline.noContacts')}</Text>}
          </>
        )}
      </Stack>
    </Paper>
  );
}
