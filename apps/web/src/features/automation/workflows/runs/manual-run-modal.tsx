import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../components/api-errors';
import { RecordsSearchSelect } from '../record-search-select';
import { runsKey, WORKFLOWS_KEY, workflowsApi, type TCatalogObject, type TWorkflow } from '../workflows-api';

/** "Run on records…": a manual-trigger workflow started on chosen records; records the user cannot see are skipped with a reason. */
export function ManualRunModal({ opened, onClose, workflow, object }: { opened: boolean; onClose: () => void; workflow: TWorkflow; object: TCatalogObject | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [ids, setIds] = useState<string[]>([]);
  const start = useMutation({
    mutationFn: () => workflowsApi.run(workflow.id, ids),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: runsKey(workflow.id) });
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
    },
  });
  const close = () => {
    setIds([]);
    start.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('workflows.manual.title', { name: workflow.name })} centered>
      <Stack>
        {object ? <RecordsSearchSelect object={object.key} label={object.label} value={ids} onChange={setIds} /> : <Text size="sm" c="dimmed">{t('workflows.testRun.noObject')}</Text>}
        {start.isError && <Alert color="red" role="alert">{errorMessage(start.error)}</Alert>}
        {start.data && (
          <Alert color={start.data.skipped.length ? 'yellow' : 'teal'} data-testid="wf-manual-result">
            <Text size="sm">{t('workflows.manual.started', { count: start.data.started })}</Text>
            {start.data.skipped.length > 0 && (
              <>
                <Text size="sm">{t('workflows.manual.skipped', { count: start.data.skipped.length })}</Text>
                <List size="xs">{start.data.skipped.map((s) => <List.Item key={s.recordId}>{s.reason}</List.Item>)}</List>
              </>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{start.data ? t('common.done') : t('common.cancel')}</Button>
          {!start.data && <Button onClick={() => start.mutate()} loading={start.isPending} disabled={ids.length === 0} data-testid="wf-manual-start">{t('workflows.manual.start', { count: ids.length })}</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
