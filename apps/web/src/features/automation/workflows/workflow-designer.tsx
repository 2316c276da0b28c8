import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Grid, Group, Paper, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowBackUp, IconCopy, IconHistory, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TWorkflowCatalog, TWorkflowGraph, TWorkflowIssue, TWorkflowNode, TTestRunStep, TWorkflow, TWorkflowVersion } from './workflows-api';
import { catalogObject, describeNode, objectOf } from './designer/catalog-fields';
import { connect, issueNodeId, issuesByNode, makeNode, outHandles, removeNodes, replaceNode, type NodeType } from './designer/graph-model';
import { NodePalette } from './designer/node-palette';
import { NodePanel } from './designer/node-panel';
import { marksFromPath } from './designer/path-marks';
import { WorkflowCanvas } from './designer/workflow-canvas';
import { TestRunPanel } from './test-run-panel';
import { VersionsPanel } from './versions-panel';

interface Props {
  workflow: TWorkflow;
  catalog: TWorkflowCatalog;
  graph: TWorkflowGraph;
  onGraphChange: (graph: TWorkflowGraph) => void;
  details: { name: string; description: string };
  onDetailsChange: (details: { name: string; description: string }) => void;
  issues: TWorkflowIssue[] | null;
  conflict: boolean;
  onReload: () => void;
  /** Saves unsaved changes; false when that failed. */
  ensureSaved: () => Promise<boolean>;
  /** A published version shown read-only on the canvas instead of the draft. */
  viewing: TWorkflowVersion | null;
  onView: (version: TWorkflowVersion | null) => void;
  /** Copies a published version into the draft; the version being copied while it runs. */
  onRestore: (version: TWorkflowVersion) => void;
  restoring: number | null;
}

/** The canvas with its palette, the selected node's settings, the test run and the problems that block publishing. */
export function WorkflowDesigner({ workflow, catalog, graph: draft, onGraphChange, details, onDetailsChange, issues: draftIssues, conflict, onReload, ensureSaved, viewing, onView, onRestore, restoring }: Props) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  // A past version is only looked at: the canvas shows it, nothing edits it, the draft's problems are not its own.
  const graph = viewing?.graph ?? draft;
  const issues = viewing ? null : draftIssues;
  const readOnly = Boolean(narrow) || viewing !== null;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panel, setPanel] = useState<string | null>('step');
  const [testSteps, setTestSteps] = useState<TTestRunStep[] | null>(null);
  const object = objectOf(graph, catalog);
  const objectInfo = catalogObject(catalog, object);
  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;
  const grouped = useMemo(() => issuesByNode(issues ?? []), [issues]);
  const nodeIssues = useMemo(() => new Map([...grouped.byNode].map(([id, list]) => [id, list.map((i) => i.message)])), [grouped]);
  const describe = useCallback((node: TWorkflowNode) => describeNode(t, catalog, node), [t, catalog]);
  const marks = useMemo(() => (testSteps && !viewing ? marksFromPath(graph, testSteps.map((s) => ({ nodeId: s.nodeId, outcome: s.outcome, failed: Boolean(s.error) }))) : null), [testSteps, graph, viewing]);

  const select = (id: string | null) => {
    setSelectedId(id);
    if (id) setPanel('step');
  };
  const add = (type: NodeType, action?: string) => {
    const anchor = selected ?? graph.nodes.reduce<TWorkflowNode | null>((low, n) => (!low || n.position.y > low.position.y ? n : low), null);
    const position = anchor ? { x: anchor.position.x, y: anchor.position.y + 190 } : { x: 0, y: 0 };
    const node = makeNode(type, graph, position, action);
    let next: TWorkflowGraph = { ...graph, nodes: [...graph.nodes, node] };
    // Adding below the selected step connects it by its first free way out.
    if (selected && type !== 'trigger') {
      const free = outHandles(selected).find((h) => !graph.edges.some((e) => e.source === selected.id && (e.sourceHandle ?? undefined) === h.id));
      if (free) next = connect(next, selected.id, free.id, node.id);
    }
    onGraphChange(next);
    select(node.id);
  };

  return (
    <Stack gap="sm">
      {conflict && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('workflows.conflictTitle')} data-testid="wf-conflict">
          <Group justify="space-between">
            <Text size="sm">{t('workflows.conflict')}</Text>
            <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={onReload}>{t('workflows.reload')}</Button>
          </Group>
        </Alert>
      )}
      {issues && issues.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('workflows.issuesTitle', { count: issues.length })} data-testid="wf-issues">
          <Stack gap={2}>
            {issues.map((issue, i) => {
              const nodeId = issueNodeId(issue);
              const node = nodeId ? graph.nodes.find((n) => n.id === nodeId) : undefined;
              return (
                <Text key={i} size="sm" data-testid="wf-issue">
                  {node ? <Text span fw={600} style={{ cursor: 'pointer', textDecoration: 'underline' }} onClick={() => select(node.id)}>{describe(node).title}: </Text> : null}
                  {issue.message}
                </Text>
              );
            })}
          </Stack>
        </Alert>
      )}
      {viewing && (
        <Alert color="blue" icon={<IconHistory size={18} />} title={t('workflows.versions.viewingTitle', { version: viewing.version })} data-testid="wf-viewing-version">
          <Group justify="space-between">
            <Text size="sm">{t('workflows.versions.viewing', { version: viewing.version })}</Text>
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => { setSelectedId(null); onView(null); }} data-testid="wf-viewing-back">{t('workflows.versions.backToDraft')}</Button>
              <Button size="xs" leftSection={<IconCopy size={14} />} loading={restoring === viewing.version} disabled={restoring !== null} onClick={() => onRestore(viewing)} data-testid="wf-viewing-restore">{t('workflows.versions.restore')}</Button>
            </Group>
          </Group>
        </Alert>
      )}
      {narrow && <Text size="xs" c="dimmed">{t('workflows.viewOnlyNarrow')}</Text>}
      <Grid gap="sm">
        {!readOnly && (
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Paper withBorder p="xs" radius="md"><NodePalette catalog={catalog} object={object} hasTrigger={graph.nodes.some((n) => n.type === 'trigger')} onAdd={add} /></Paper>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: narrow ? 12 : viewing ? 8 : 6, lg: narrow ? 12 : viewing ? 9 : 7 }}>
          <WorkflowCanvas graph={graph} onChange={readOnly ? undefined : onGraphChange} selectedId={selectedId} onSelect={select} describe={describe} issues={nodeIssues} badEdges={grouped.edges} marks={marks} height={narrow ? 380 : 600} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: narrow ? 12 : 4, lg: 3 }}>
          <Paper withBorder p="sm" radius="md">
            <Tabs value={panel} onChange={setPanel} keepMounted={false}>
              <Tabs.List grow mb="sm">
                <Tabs.Tab value="step" px={6} fz="xs" data-testid="wf-panel-step">{t('workflows.panel.step')}</Tabs.Tab>
                <Tabs.Tab value="test" px={6} fz="xs" data-testid="wf-panel-test">{t('workflows.panel.test')}</Tabs.Tab>
                <Tabs.Tab value="settings" px={6} fz="xs" data-testid="wf-panel-settings">{t('workflows.panel.settings')}</Tabs.Tab>
                <Tabs.Tab value="versions" px={6} fz="xs" data-testid="wf-panel-versions">{t('workflows.panel.versions')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="step">
                {selected
                  ? <NodePanel key={selected.id} node={selected} catalog={catalog} object={object} issues={issues ?? []} webhookUrl={workflow.webhookUrl} readOnly={readOnly}
                    onChange={(node) => onGraphChange(replaceNode(draft, node))} onDelete={() => { onGraphChange(removeNodes(draft, new Set([selected.id]))); select(null); }} />
                  : <Text size="sm" c="dimmed">{graph.nodes.length ? t('workflows.selectNode') : t('workflows.startWithTrigger')}</Text>}
              </Tabs.Panel>
              <Tabs.Panel value="test">
                <TestRunPanel workflowId={workflow.id} graph={draft} object={objectInfo} withPayload={draft.nodes.some((n) => n.trigger?.kind === 'webhook' || n.trigger?.kind === 'event')} beforeRun={ensureSaved} onSteps={setTestSteps} />
              </Tabs.Panel>
              <Tabs.Panel value="versions">
                <VersionsPanel workflow={workflow} viewing={viewing?.version ?? null} onView={(v) => { setSelectedId(null); onView(v); }} onRestore={onRestore} restoring={restoring} />
              </Tabs.Panel>
              <Tabs.Panel value="settings">
                <Stack gap="sm">
                  <TextInput label={t('workflows.name')} required value={details.name} maxLength={200} onChange={(e) => onDetailsChange({ ...details, name: e.currentTarget.value })} disabled={Boolean(narrow)} data-testid="wf-name" />
                  <Textarea label={t('workflows.descriptionLabel')} autosize minRows={2} value={details.description} maxLength={2000} onChange={(e) => onDetailsChange({ ...details, description: e.currentTarget.value })} disabled={Boolean(narrow)} />
                </Stack>
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
