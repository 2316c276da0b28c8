import { Anchor, Card, Grid, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../../../api/customers';
import { AccountHierarchyTree } from './account-hierarchy-tree';
import { RelationshipsPanel } from './relationships.record-panel';

/** /accounts/:id/graph — the decision chain and hierarchy of one account on a page of their own. */
export function AccountGraphPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const account = useQuery({ queryKey: ['accounts', id], queryFn: () => accountsApi.get(id) });
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/accounts" size="sm">{t('relationships.backToAccounts')}</Anchor>
        <Title order={2}>{account.data?.name ?? ' '}</Title>
      </div>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder><Title order={4} mb="sm">{t('relationships.graphTitle')}</Title><RelationshipsPanel object="account" id={id} compactPanel={false} /></Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder><Title order={4} mb="sm">{t('relationships.hierarchy')}</Title><AccountHierarchyTree accountId={id} /></Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
