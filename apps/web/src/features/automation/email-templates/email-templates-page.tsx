import { useState } from 'react';
import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { RequireCapability } from '../../../components/require-capability';
import { catalogApi, MANAGE_CAPABILITY } from '../workflows/workflows-api';
import { EmailTemplateModal } from './email-template-modal';
import { EMAIL_TEMPLATES_KEY, emailTemplatesApi, type TEmailTemplate } from './email-templates-api';

function TemplateList() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState<TEmailTemplate | 'new' | null>(null);
  const list = useQuery({ queryKey: EMAIL_TEMPLATES_KEY, queryFn: emailTemplatesApi.list });
  const catalog = useQuery({ queryKey: ['automation-catalog'], queryFn: catalogApi.get, staleTime: 60_000 });
  const objects = (catalog.data?.objects ?? []).map((o) => ({ key: o.key, label: o.label }));
  const objectLabel = (key: string | null) => (key ? objects.find((o) => o.key === key)?.label ?? key : t('emailTemplates.anyRecord'));
  const remove = useMutation({
    mutationFn: (tpl: TEmailTemplate) => emailTemplatesApi.remove(tpl.id),
    onSuccess: async () => { notifySaved(t('emailTemplates.deleted')); await client.invalidateQueries({ queryKey: EMAIL_TEMPLATES_KEY }); },
    onError: notifyError,
  });
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <Stack>
      <PageHeader title={t('emailTemplates.title')} description={t('emailTemplates.description', { example: '{{record.name}}' })}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-email-template">{t('emailTemplates.new')}</Button>} />
      <QueryState query={list} />
      {list.data?.data.length === 0 && <Text c="dimmed">{t('emailTemplates.empty')}</Text>}
      {(list.data?.data.length ?? 0) > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={600}>
            <Table highlightOnHover>
              <Table.Thead><Table.Tr><Table.Th>{t('emailTemplates.name')}</Table.Th><Table.Th>{t('emailTemplates.object')}</Table.Th><Table.Th>{t('emailTemplates.subject')}</Table.Th><Table.Th>{t('emailTemplates.updated')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data?.data.map((tpl) => (
                  <Table.Tr key={tpl.id} data-testid="email-template-row">
                    <Table.Td><Text size="sm" fw={500}>{tpl.name}</Text></Table.Td>
                    <Table.Td>{objectLabel(tpl.object)}</Table.Td>
                    <Table.Td><Text size="sm" lineClamp={1}>{tpl.subject}</Text></Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{when(tpl.updatedAt)}</Text></Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => setEditing(tpl)}>{t('emailTemplates.edit')}</Button>
                        <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables?.id === tpl.id} onClick={() => remove.mutate(tpl)}>{t('emailTemplates.moveToTrash')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {editing && <EmailTemplateModal key={editing === 'new' ? 'new' : editing.id} template={editing} objects={objects} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Settings → Email templates: the mails workflows send (admins with `automation.manage`). */
export function EmailTemplatesPage() {
  return <RequireCapability capability={MANAGE_CAPABILITY}><TemplateList /></RequireCapability>;
}
