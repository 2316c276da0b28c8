import { useState } from 'react';
import { Alert, Badge, Button, Group, JsonInput, Paper, Stack, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/api-errors';
import { NODE_COLORS } from './designer/workflow-node';
import { RecordSearchSelect } from './record-search-select';
import { workflowsApi, type TCatalogObject, type TTestRunStep, type TWorkflowGraph } from './workflows-api';

/** Ways out the designer names itself (a branch's own ways carry their labels). */
const HANDLE_OUTCOMES = new Set(['true', 'false', 'else', 'event', 'timeout']);

interface Props {
  workflowId: string;
  /** The graph tested, for the names of a branch's ways. */
  graph: TWorkflowGraph;
  object: TCatalogObject | undefined;
  /** Without a record (webhook, schedule, event triggers) the dry run takes a payload instead. */
  withPayload: boolean;
  /** Unsaved changes are saved first, so the dry run follows what the designer shows. */
  beforeRun: () => Promise<boolean>;
  onSteps: (steps: TTestRunStep[] | null) => void;
}

/** A dry run on one record: the steps it would take and what each would do, without doing anything. */
export function TestRunPanel({ workflowId, graph, object, withPayload, beforeRun, onSteps }: Props) {
  const { t } = useTranslation();
  const outcomeLabel = (step: TTestRunStep) => {
    const outcome = step.outcome ?? '';
    if (HANDLE_OUTCOMES.has(outcome)) return t(`workflows.handles.${outcome}`);
    return graph.nodes.find((n) => n.id === step.nodeId)?.branches?.find((b) => b.key === outcome)?.label || outcome;
  };
  const [recordId, setRecordId] = useState<string | null>(null);
  const [payloadText, setPayloadText] = useState('{}');
  const payload = parsePayload(payloadText);
  const run = useMutation({
    mutationFn: async () => {
      if (!(await beforeRun())) return null;
      return workflowsApi.testRun(workflowId, { recordId: recordId ?? undefined, payload: !object && withPayload ? payload ?? undefined : undefined, useDraft: true });
    },
    onSuccess: (result) => onSteps(result?.steps ?? null),
    onError: () => onSteps(null),
  });
  const steps = run.data?.steps;
  return (
    <Stack gap="sm" data-testid="wf-test-run">
      <Text size="xs" c="dimmed">{t('workflows.testRun.help')}</Text>
      {object
        ? <RecordSearchSelect object={object.key} label={t('workflows.testRun.record', { object: object.label })} value={recordId} onChange={(id) => { setRecordId(id); onSteps(null); run.reset(); }} />
        : withPayload
          ? <JsonInput label={t('workflows.testRun.payload')} autosize minRows={3} maxRows={12} value={payloadText} onChange={setPayloadText} error={payload ? undefined : t('workflows.testRun.payloadInvalid')} data-testid="wf-test-run-payload" />
          : <Text size="sm" c="dimmed">{t('workflows.testRun.noObject')}</Text>}
      <Button leftSection={<IconFlask size={16} />} onClick={() => run.mutate()} loading={run.isPending} disabled={object ? !recordId : withPayload && !payload} data-testid="wf-test-run-start">{t('workflows.testRun.start')}</Button>
      {run.isError && <Alert color="red" role="alert">{errorMessage(run.error)}</Alert>}
      {steps && steps.length === 0 && <Text size="sm" c="dimmed">{t('workflows.testRun.noSteps')}</Text>}
      {steps && steps.length > 0 && (
        <Stack gap={6} data-testid="wf-test-run-steps">
          {steps.map((step, i) => (
            <Paper key={`${step.nodeId}:${i}`} withBorder p="xs" radius="sm" data-testid="wf-test-run-step" style={{ borderLeft: `4px solid var(--mantine-color-${step.error ? 'red' : NODE_COLORS[step.type]}-6)` }}>
              <Group gap={6} wrap="nowrap">
                <Badge size="sm" circle variant="filled" color={step.error ? 'red' : 'blue'}>{i + 1}</Badge>
                <Text size="sm" fw={600} style={{ flex: 1 }}>{step.title}</Text>
                {step.outcome && <Badge size="xs" variant="light" data-testid="wf-test-run-outcome">{outcomeLabel(step)}</Badge>}
              </Group>
              <Text size="xs" mt={2}>{step.summary}</Text>
              {step.error && <Text size="xs" c="red" mt={2}>{step.error}</Text>}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The payload typed as a JSON object, or null while it is not one. */
function parsePayload(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
