import { useCallback, useMemo, useState } from 'react';
import { Accordion, Alert, Button, Code, Grid, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlayerTrackNext } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../../components/api-errors';
import { QueryState } from '../../../../components/query-state';
import { formatDateTime } from '../../../../i18n/format';
import { describeNode } from '../designer/catalog-fields';
import { marksFromPath } from '../designer/path-marks';
import { WorkflowCanvas } from '../designer/workflow-canvas';
import { runsKey, workflowsApi, type TWorkflowCatalog, type TWorkflowNode, type TWorkflowRunDetail } from '../workflows-api';
import { formatDuration, runDuration, RunStatusBadge } from './run-status';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value, null, 2));

/** One run: the path it took on the canvas of its version, and each step's input, output, error and timing. */
export function RunDetail({ runId, catalog, onBack }: { runId: string; catalog: TWorkflowCatalog; onBack: () => void }) {
  const { t } = useTranslation();
  const run = useQuery({
    queryKey: ['workflow-run', runId],
    queryFn: () => workflowsApi.runDetail(runId),
    // A run still going is followed until it stops or waits.
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
  const back = <Button variant="subtle" size="compact-sm" w="fit-content" leftSection={<IconArrowLeft size={14} />} onClick={onBack} data-testid="wf-run-back">{t('workflows.runs.back')}</Button>;
  if (!run.data) return <Stack>{back}<QueryState query={run} /></Stack>;
  return <Stack gap="sm">{back}<RunView run={run.data} catalog={catalog} /></Stack>;
}

function RunView({ run, catalog }: { run: TWorkflowRunDetail; catalog: TWorkflowCatalog }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [replaying, setReplaying] = useState(false);
  const [open, setOpen] = useState<string | null>(run.steps.find((s) => s.status === 'failed')?.id ?? null);
  const marks = useMemo(() => marksFromPath(run.graph, run.steps.map((s) => ({ nodeId: s.nodeId, outcome: s.outcome, failed: s.status === 'failed', waiting: s.status === 'waiting' }))), [run]);
  const describe = useCallback((node: TWorkflowNode) => describeNode(t, catalog, node), [t, catalog]);
  const replay = async () => {
    setReplaying(true);
    try {
      const replayed = await workflowsApi.replay(run.id);
      client.setQueryData(['workflow-run', run.id], replayed);
      notifications.show({ color: 'green', message: t('workflows.runs.replayed') });
      void client.invalidateQueries({ queryKey: runsKey(run.workflowId) });
    } catch (e) {
      notifyError(e);
    } finally {
      setReplaying(false);
    }
  };
  return (
    <Stack gap="sm" data-testid="wf-run-detail" data-status={run.status}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs"><Title order={4}>{run.recordTitle ?? t('workflows.runs.noRecord')}</Title><RunStatusBadge status={run.status} /></Group>
          <Text size="xs" c="dimmed">
            {t('workflows.runs.summary', { version: run.workflowVersion, started: formatDateTime(run.startedAt), duration: formatDuration(runDuration(run.startedAt, run.finishedAt)) })}
          </Text>
        </Stack>
        {run.status === 'failed' && <Button leftSection={<IconPlayerTrackNext size={16} />} onClick={() => void replay()} loading={replaying} data-testid="wf-run-replay">{t('workflows.runs.replay')}</Button>}
      </Group>
      {run.error && <Alert color="red" data-testid="wf-run-error">{run.error}</Alert>}
      {run.status === 'waiting' && run.waitingUntil && <Alert color="grape">{t('workflows.runs.waitingUntil', { at: formatDateTime(run.waitingUntil) })}</Alert>}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <WorkflowCanvas graph={run.graph} describe={describe} marks={marks} selectedId={null} onSelect={(id) => { const step = [...run.steps].reverse().find((s) => s.nodeId === id); if (step) setOpen(step.id); }} height={480} testId="wf-run-canvas" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="xs" radius="md">
            <Accordion value={open} onChange={setOpen} variant="default" data-testid="wf-run-steps">
              {run.steps.map((step, i) => (
                <Accordion.Item key={step.id} value={step.id} data-testid="wf-run-step" data-status={step.status} data-node-id={step.nodeId}>
                  <Accordion.Control>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" c="dimmed" w={20}>{i + 1}</Text>
                      <Text size="sm" fw={600} style={{ flex: 1 }} truncate>{step.title}</Text>
                      {step.outcome && <Text size="xs" c="dimmed">{step.outcome}</Text>}
                      <RunStatusBadge status={step.status} />
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap={6}>
                      <Text size="xs" c="dimmed">
                        {t('workflows.runs.stepTiming', { started: formatDateTime(step.startedAt), duration: formatDuration(step.durationMs), attempt: step.attempt })}
                      </Text>
                      {step.error && <Text size="sm" c="red" data-testid="wf-run-step-error">{step.error}</Text>}
                      <JsonBlock label={t('workflows.runs.input')} value={step.input} />
                      <JsonBlock label={t('workflows.runs.output')} value={step.output} />
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
            {run.steps.length === 0 && <Text size="sm" c="dimmed" p="sm">{t('workflows.runs.noSteps')}</Text>}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = json(value);
  if (!text) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>{label}</Text>
      <ScrollArea.Autosize mah={220}><Code block fz="xs">{text}</Code></ScrollArea.Autosize>
    </Stack>
  );
}
