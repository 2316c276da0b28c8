import { Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { QueryState } from '../../../components/query-state';
import { WORKFLOWS_KEY, workflowKey, workflowTemplatesApi } from './workflows-api';

/** Ready-made workflows: install one (it arrives switched off, to review and publish) or open the one installed. */
export function TemplatesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const templates = useQuery({ queryKey: ['workflow-templates'], queryFn: workflowTemplatesApi.list, enabled: opened });
  const install = useMutation({
    mutationFn: workflowTemplatesApi.install,
    onSuccess: (created) => {
      client.setQueryData(workflowKey(created.id), created);
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
      void client.invalidateQueries({ queryKey: ['workflow-templates'] });
      onClose();
      void navigate({ to: '/automation/workflows/$id', params: { id: created.id } });
    },
    onError: notifyError,
  });
  const openWorkflow = (id: string) => {
    onClose();
    void navigate({ to: '/automation/workflows/$id', params: { id } });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('workflows.templates.title')} size="lg" centered>
      <Stack gap="sm" data-testid="wf-templates-list">
        <QueryState query={templates} />
        {templates.data?.data.length === 0 && <Text c="dimmed">{t('workflows.templates.empty')}</Text>}
        {templates.data?.data.map((tpl) => (
          <Card key={tpl.key} withBorder padding="sm" data-testid={`wf-template-${tpl.key}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap="xs"><Text fw={600}>{tpl.name}</Text>{tpl.installed && <Badge size="sm" variant="light" color="teal">{t('workflows.templates.installed')}</Badge>}</Group>
                <Text size="sm" c="dimmed">{tpl.description}</Text>
              </Stack>
              {tpl.installed && tpl.workflowId
                ? <Button size="xs" variant="default" style={{ flexShrink: 0 }} onClick={() => openWorkflow(tpl.workflowId!)}>{t('workflows.templates.openInstalled')}</Button>
                : <Button size="xs" style={{ flexShrink: 0 }} onClick={() => install.mutate(tpl.key)} loading={install.isPending && install.variables === tpl.key} disabled={install.isPending}>{t('workflows.templates.install')}</Button>}
            </Group>
          </Card>
        ))}
      </Stack>
    </Modal>
  );
}
