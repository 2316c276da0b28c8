import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { errorMessage } from '../../../components/api-errors';
import { STARTER_GRAPH, WORKFLOWS_KEY, workflowKey, workflowsApi } from './workflows-api';

/** Names a new workflow and opens it in the designer, starting from its trigger. */
export function CreateWorkflowModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await workflowsApi.create({ name: name.trim(), description: description.trim() || null, draft: STARTER_GRAPH });
      client.setQueryData(workflowKey(created.id), created);
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
      setName('');
      setDescription('');
      onClose();
      void navigate({ to: '/automation/workflows/$id', params: { id: created.id } });
    } catch (e) {
      setError(e instanceof ApiError ? e.fieldErrors.name ?? errorMessage(e) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('workflows.new')} centered>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack>
          <TextInput label={t('workflows.name')} required data-autofocus value={name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} error={error} data-testid="wf-new-name" />
          <Textarea label={t('workflows.descriptionLabel')} autosize minRows={2} value={description} maxLength={2000} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="wf-new-create">{t('workflows.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
