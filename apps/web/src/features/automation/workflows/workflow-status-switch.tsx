import { useState } from 'react';
import { Button, Group, Modal, Radio, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { WORKFLOWS_KEY, workflowKey, workflowsApi, type TWorkflowSummary } from './workflows-api';

/**
 * Turns a workflow on or off. Turning it off asks what happens to the runs in flight: they
 * continue to their end, or stop (cancelled).
 */
export function WorkflowStatusSwitch({ workflow, size = 'md', withLabel = false }: { workflow: TWorkflowSummary; size?: 'sm' | 'md'; withLabel?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [inFlight, setInFlight] = useState<'continue' | 'stop'>('continue');
  const [busy, setBusy] = useState(false);
  const inFlightCount = workflow.stats.running + workflow.stats.waiting;

  async function apply(status: 'on' | 'off', policy: 'continue' | 'stop' = 'continue') {
    setBusy(true);
    try {
      const saved = await workflowsApi.setStatus(workflow.id, { version: workflow.version, status, inFlight: policy });
      client.setQueryData(workflowKey(workflow.id), saved);
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
      notifications.show({ color: status === 'on' ? 'green' : 'gray', message: t(status === 'on' ? 'workflows.status.turnedOn' : 'workflows.status.turnedOff', { name: workflow.name }) });
      setAsking(false);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Switch size={size} checked={workflow.status === 'on'} disabled={busy || (workflow.status === 'off' && workflow.publishedVersion === null)}
        label={withLabel ? t(`workflows.status.${workflow.status}`) : undefined}
        aria-label={t('workflows.status.toggle', { name: workflow.name })} data-testid={`wf-status-${workflow.id}`}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => {
          if (e.currentTarget.checked) void apply('on');
          else if (inFlightCount > 0) setAsking(true);
          else void apply('off');
        }} />
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('workflows.status.offTitle', { name: workflow.name })} centered>
        <Stack>
          <Text size="sm">{t('workflows.status.offInFlight', { count: inFlightCount })}</Text>
          <Radio.Group value={inFlight} onChange={(v) => setInFlight(v as 'continue' | 'stop')}>
            <Stack gap="xs">
              <Radio value="continue" label={t('workflows.status.continue')} description={t('workflows.status.continueHelp')} />
              <Radio value="stop" label={t('workflows.status.stop')} description={t('workflows.status.stopHelp')} data-testid="wf-inflight-stop" />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
            <Button color={inFlight === 'stop' ? 'red' : undefined} loading={busy} onClick={() => void apply('off', inFlight)} data-testid="wf-turn-off">{t('workflows.status.turnOff')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
