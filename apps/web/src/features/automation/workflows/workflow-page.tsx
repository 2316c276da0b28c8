import { useState } from 'react';
import { Badge, Button, Group, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconChecklist, IconDeviceFloppy, IconPlayerPlay, IconRocket, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { notifyError } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { RequireCapability } from '../../../components/require-capability';
import { catalogObject, objectOf } from './designer/catalog-fields';
import { issuesAfterEdit, sameGraph } from './designer/graph-model';
import { ManualRunModal } from './runs/manual-run-modal';
import { RunsTab } from './runs/runs-tab';
import { WorkflowDesigner } from './workflow-designer';
import { WorkflowStatusSwitch } from './workflow-status-switch';
import { catalogApi, graphIssues, MANAGE_CAPABILITY, WORKFLOWS_KEY, workflowKey, workflowsApi, type TWorkflow, type TWorkflowCatalog, type TWorkflowGraph, type TWorkflowIssue, type TWorkflowVersion } from './workflows-api';

export interface WorkflowSearch {
  tab?: 'design' | 'runs';
  run?: string;
}

/** One workflow: the designer (draft, validate, publish, test run) and its run history. */
export function WorkflowPage() {
  return <RequireCapability capability={MANAGE_CAPABILITY}><WorkflowLoader /></RequireCapability>;
}

function WorkflowLoader() {
  const { id } = useParams({ strict: false }) as { id: string };
  const workflow = useQuery({ queryKey: workflowKey(id), queryFn: () => workflowsApi.get(id) });
  const catalog = useQuery({ queryKey: ['automation-catalog'], queryFn: catalogApi.get, staleTime: 60_000 });
  if (!workflow.data) return <QueryState query={workflow} />;
  if (!catalog.data) return <QueryState query={catalog} />;
  return <WorkflowEditor key={workflow.data.id} workflow={workflow.data} catalog={catalog.data} />;
}

function WorkflowEditor({ workflow, catalog }: { workflow: TWorkflow; catalog: TWorkflowCatalog }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const search = useSearch({ strict: false }) as WorkflowSearch;
  const tab = search.tab ?? 'design';
  const [graph, setGraph] = useState<TWorkflowGraph>(workflow.draft);
  const [details, setDetails] = useState({ name: workflow.name, description: workflow.description ?? '' });
  const [issues, setIssues] = useState<TWorkflowIssue[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState<'save' | 'validate' | 'publish' | null>(null);
  const [manualOpen, setManualOpen] = useState(false);
  const [viewing, setViewing] = useState<TWorkflowVersion | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const dirty = !sameGraph(graph, workflow.draft) || details.name !== workflow.name || details.description !== (workflow.description ?? '');
  const trigger = graph.nodes.find((n) => n.type === 'trigger')?.trigger;

  const changeGraph = (next: TWorkflowGraph) => {
    setIssues((current) => issuesAfterEdit(current, graph, next));
    setGraph(next);
  };
  const store = (saved: TWorkflow) => {
    client.setQueryData(workflowKey(saved.id), saved);
    void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
  };

  /** Saves the draft when it changed; a 409 shows the reload banner. */
  async function save(): Promise<boolean> {
    if (!dirty) return true;
    if (!details.name.trim()) {
      notifications.show({ color: 'red', message: t('workflows.nameRequired') });
      return false;
    }
    const sent = graph;
    try {
      const saved = await workflowsApi.update(workflow.id, { version: workflow.version, name: details.name.trim(), description: details.description.trim() || null, draft: sent });
      store(saved);
      setGraph((current) => (sameGraph(current, sent) ? saved.draft : current));
      setConflict(false);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true);
      else notifyError(e);
      return false;
    }
  }
  async function run(kind: 'save' | 'validate' | 'publish') {
    setBusy(kind);
    try {
      if (!(await save())) return;
      if (kind === 'save') {
        notifications.show({ color: 'green', message: t('workflows.draftSaved') });
        return;
      }
      if (kind === 'validate') {
        const result = await workflowsApi.validate(workflow.id);
        setIssues(result.issues);
        if (result.valid) notifications.show({ color: 'green', message: t('workflows.valid') });
        return;
      }
      const current = client.getQueryData<TWorkflow>(workflowKey(workflow.id)) ?? workflow;
      try {
        const published = await workflowsApi.publish(workflow.id, current.version);
        store(published);
        setIssues(null);
        notifications.show({ color: 'green', message: t('workflows.published', { version: published.publishedVersion }) });
      } catch (e) {
        const found = graphIssues(e);
        if (found) setIssues(found);
        else if (e instanceof ApiError && e.status === 409) setConflict(true);
        else notifyError(e);
      }
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  }
  /** Copies a published version into the draft (asking first when that drops unsaved changes); a 409 shows the reload banner. */
  const restoreVersion = (version: TWorkflowVersion) => {
    const go = async () => {
      setRestoring(version.version);
      try {
        const current = client.getQueryData<TWorkflow>(workflowKey(workflow.id)) ?? workflow;
        const saved = await workflowsApi.restoreVersion(workflow.id, version.version, current.version);
        store(saved);
        setGraph(saved.draft);
        setDetails({ name: saved.name, description: saved.description ?? '' });
        setIssues(null);
        setViewing(null);
        setConflict(false);
        notifications.show({ color: 'green', message: t('workflows.versions.restored', { version: version.version }) });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) setConflict(true);
        else notifyError(e);
      } finally {
        setRestoring(null);
      }
    };
    if (!dirty) return void go();
    modals.openConfirmModal({
      title: t('workflows.versions.discardTitle'),
      children: <Text size="sm">{t('workflows.versions.discard', { version: version.version })}</Text>,
      labels: { confirm: t('workflows.versions.restore'), cancel: t('common.cancel') },
      onConfirm: () => void go(),
    });
  };
  const reload = async () => {
    const fresh = await client.fetchQuery({ queryKey: workflowKey(workflow.id), queryFn: () => workflowsApi.get(workflow.id), staleTime: 0 });
    setGraph(fresh.draft);
    setDetails({ name: fresh.name, description: fresh.description ?? '' });
    setConflict(false);
    setIssues(null);
  };
  const remove = () => modals.openConfirmModal({
    title: t('workflows.deleteTitle'),
    children: <Text size="sm">{t('workflows.deleteConfirm', { name: workflow.name })}</Text>,
    labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      try {
        await workflowsApi.remove(workflow.id);
        void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
        void navigate({ to: '/automation/workflows' });
      } catch (e) {
        notifyError(e);
      }
    },
  });
  const setTab = (next: string | null) => void navigate({ to: '/automation/workflows/$id', params: { id: workflow.id }, search: { tab: next === 'runs' ? 'runs' : undefined } });
  const canRunManually = trigger?.kind === 'manual' && workflow.status === 'on' && workflow.publishedVersion !== null;

  return (
    <Stack gap="sm">
      <Button variant="subtle" size="compact-sm" w="fit-content" leftSection={<IconArrowLeft size={14} />} onClick={() => void navigate({ to: '/automation/workflows' })}>{t('workflows.title')}</Button>
      <PageHeader title={workflow.name} actions={(
        <>
          <WorkflowStatusSwitch workflow={workflow} withLabel />
          {canRunManually && <Button variant="light" leftSection={<IconPlayerPlay size={16} />} onClick={() => setManualOpen(true)} data-testid="wf-run-manual">{t('workflows.manual.open')}</Button>}
          <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={remove} data-testid="wf-delete">{t('common.delete')}</Button>
          <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => void run('save')} loading={busy === 'save'} disabled={!dirty || busy !== null} data-testid="wf-save">{t('workflows.saveDraft')}</Button>
          <Button variant="default" leftSection={<IconChecklist size={16} />} onClick={() => void run('validate')} loading={busy === 'validate'} disabled={busy !== null} data-testid="wf-validate">{t('workflows.validate')}</Button>
          <Button leftSection={<IconRocket size={16} />} onClick={() => void run('publish')} loading={busy === 'publish'} disabled={busy !== null} data-testid="wf-publish">{t('workflows.publish')}</Button>
        </>
      )} />
      <Group gap="xs" data-testid="wf-badges">
        {workflow.publishedVersion !== null
          ? <Badge variant="light" color="teal" data-testid="wf-published-version">{t('workflows.publishedVersion', { version: workflow.publishedVersion })}</Badge>
          : <Badge variant="light" color="gray">{t('workflows.neverPublished')}</Badge>}
        {(dirty || workflow.draftChanged) && workflow.publishedVersion !== null && (
          <Tooltip label={t('workflows.draftChangedHelp')} withinPortal><Badge variant="light" color="orange" data-testid="wf-draft-changed">{t('workflows.draftChanged')}</Badge></Tooltip>
        )}
        {dirty && <Badge variant="outline" color="gray" data-testid="wf-unsaved">{t('workflows.unsaved')}</Badge>}
        {catalogObject(catalog, objectOf(graph, catalog)) && <Text size="xs" c="dimmed">{catalogObject(catalog, objectOf(graph, catalog))!.label}</Text>}
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="design" data-testid="wf-tab-design">{t('workflows.tabs.design')}</Tabs.Tab>
          <Tabs.Tab value="runs" data-testid="wf-tab-runs">{t('workflows.tabs.runs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="design">
          <WorkflowDesigner workflow={workflow} catalog={catalog} graph={graph} onGraphChange={changeGraph} details={details} onDetailsChange={setDetails}
            issues={issues} conflict={conflict} onReload={() => void reload()} ensureSaved={save}
            viewing={viewing} onView={setViewing} onRestore={restoreVersion} restoring={restoring} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <RunsTab workflow={workflow} catalog={catalog} runId={search.run ?? null} />
        </Tabs.Panel>
      </Tabs>
      {canRunManually && <ManualRunModal opened={manualOpen} onClose={() => setManualOpen(false)} workflow={workflow} object={catalogObject(catalog, objectOf(graph, catalog))} />}
    </Stack>
  );
}
