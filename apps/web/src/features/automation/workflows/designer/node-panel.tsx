import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TWorkflowCatalog, TWorkflowIssue, TWorkflowNode } from '../workflows-api';
import { ActionForm } from './action-form';
import { catalogObject, catalogRuleFields, describeNode } from './catalog-fields';
import { nodeFieldErrors } from './graph-model';
import { BranchForm, ConditionForm } from './rules-form';
import { TriggerForm } from './trigger-form';
import { WaitForm } from './wait-form';
import { NODE_COLORS, NODE_ICONS } from './workflow-node';

interface Props {
  node: TWorkflowNode;
  catalog: TWorkflowCatalog;
  object: string | null;
  issues: TWorkflowIssue[];
  webhookUrl: string | null;
  readOnly: boolean;
  onChange: (node: TWorkflowNode) => void;
  onDelete: () => void;
}

/** The selected node's settings, with the form its type (and, for actions, the catalogue) calls for. */
export function NodePanel({ node, catalog, object, issues, webhookUrl, readOnly, onChange, onDelete }: Props) {
  const { t } = useTranslation();
  const errors = nodeFieldErrors(issues, node.id);
  const mine = issues.filter((i) => i.nodeId === node.id || i.path.startsWith(`nodes.${node.id}`));
  const objectInfo = catalogObject(catalog, object);
  const fields = objectInfo?.fields ?? [];
  const ruleFields = catalogRuleFields(fields);
  const NodeIcon = NODE_ICONS[node.type];
  const shown = describeNode(t, catalog, { ...node, label: undefined });
  return (
    <Stack gap="sm" data-testid="wf-node-panel" data-node-id={node.id}>
      <Group gap="xs" wrap="nowrap">
        <NodeIcon size={18} color={`var(--mantine-color-${NODE_COLORS[node.type]}-7)`} />
        <Title order={5} style={{ flex: 1 }}>{shown.title}</Title>
        {node.type !== 'trigger' && !readOnly && <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={onDelete} data-testid="wf-node-delete">{t('common.delete')}</Button>}
      </Group>
      {mine.length > 0 && (
        <Alert color="red" p="xs" data-testid="wf-node-panel-issues">
          <Stack gap={2}>{mine.map((issue, i) => <Text key={i} size="xs">{issue.message}</Text>)}</Stack>
        </Alert>
      )}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <TextInput label={t('workflows.nodeLabel')} placeholder={shown.title} value={node.label ?? ''} maxLength={200} onChange={(e) => onChange({ ...node, label: e.currentTarget.value || undefined })} />
          {node.type === 'trigger' && <TriggerForm node={node} catalog={catalog} onChange={onChange} errors={errors} webhookUrl={webhookUrl} />}
          {node.type === 'condition' && <ConditionForm node={node} object={object} fields={ruleFields} onChange={onChange} errors={errors} />}
          {node.type === 'branch' && <BranchForm node={node} object={object} fields={ruleFields} onChange={onChange} errors={errors} />}
          {node.type === 'action' && <ActionForm node={node} catalog={catalog} fields={fields} object={object} onChange={onChange} errors={errors} />}
          {node.type === 'wait' && <WaitForm node={node} catalog={catalog} object={objectInfo} onChange={onChange} errors={errors} />}
          {node.type === 'end' && <Text size="sm" c="dimmed">{t('workflows.endHelp')}</Text>}
        </Stack>
      </fieldset>
    </Stack>
  );
}
