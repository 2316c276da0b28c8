import { Alert, Badge, Card, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TRuleGroup } from '@voyage/contracts';
import { ApiError } from '../../../api/client';
import type { CustomerObject } from '../record-config';
import { completeRules } from './complete-rules';
import { segmentsApi } from './segments-api';
import { TagChips } from './tag-chips';

/** The live count and first rows of the rules being edited (debounced), within the viewer's scope. */
export function SegmentPreview({ object, rules, onErrors }: { object: CustomerObject; rules: TRuleGroup; onErrors?: (errors: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(JSON.stringify(completeRules(rules)), 400);
  const preview = useQuery({
    queryKey: ['segment-preview', object, debounced],
    queryFn: async ({ signal }) => {
      try {
        const res = await segmentsApi.preview(object, JSON.parse(debounced) as TRuleGroup, signal);
        onErrors?.({});
        return res;
      } catch (e) {
        if (e instanceof ApiError) onErrors?.(e.fieldErrors);
        throw e;
      }
    },
    placeholderData: keepPreviousData,
    retry: false,
  });
  const second = object === 'contact' ? 'email' : 'industry';
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('segments.liveCount')}</Text>
          <Group gap="xs">
            {preview.isFetching && <Loader size="xs" />}
            <Badge size="lg" variant="filled" data-testid="segment-count">{preview.data ? preview.data.count.toLocaleString() : '–'}</Badge>
          </Group>
        </Group>
        {preview.isError && <Alert color="red" variant="light">{(preview.error as Error).message}</Alert>}
        {preview.data && preview.data.sample.length === 0 && <Text size="sm" c="dimmed">{t('segments.noMatches')}</Text>}
        {preview.data && preview.data.sample.length > 0 && (
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Thead><Table.Tr><Table.Th>{t('customers.fields.name')}</Table.Th><Table.Th visibleFrom="sm">{t(`customers.fields.${second}`)}</Table.Th><Table.Th>{t('customers.fields.tags')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.data.sample.map((row) => (
                  <Table.Tr key={row.id as string}>
                    <Table.Td><Text size="sm" fw={500} lineClamp={1}>{row.name as string}</Text></Table.Td>
                    <Table.Td visibleFrom="sm"><Text size="sm" c="dimmed" lineClamp={1}>{(row[second] as string) ?? ''}</Text></Table.Td>
                    <Table.Td><TagChips tags={(row.tags as string[]) ?? []} size="xs" max={2} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {preview.data && preview.data.count > preview.data.sample.length && <Text size="xs" c="dimmed">{t('segments.sampleNote', { shown: preview.data.sample.length })}</Text>}
      </Stack>
    </Card>
  );
}
