import type { TFunction } from 'i18next';
import type { RuleField, RuleInputKind } from '../../../customers/segments/rule-fields';
import type { TCatalogField, TWorkflowCatalog, TWorkflowNode, TWorkflowTrigger } from '../workflows-api';

/** Triggers that start on a record of an object (the others start without one, unless they name one). */
export const RECORD_TRIGGERS = new Set<TWorkflowTrigger['kind']>(['record_created', 'record_updated', 'field_changed', 'date_relative', 'manual']);

const RULE_INPUT: Record<string, RuleInputKind> = {
  text: 'text', number: 'number', money: 'number', date: 'date', datetime: 'date', boolean: 'boolean', picklist: 'picklist', user: 'owner', tags: 'tags', multi: 'multi', record: 'text',
};

/** The catalogue's fields of an object in the segments rule builder's shape, so conditions reuse that builder. */
export function catalogRuleFields(fields: TCatalogField[]): RuleField[] {
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    group: f.key.startsWith('custom.') ? 'custom' : 'builtIn',
    input: RULE_INPUT[f.kind] ?? 'text',
    options: f.options ?? undefined,
  }));
}

/** The record kind the workflow works on: its trigger's object, or the object of the event it starts on (as the engine reads it). */
export function objectOf(graph: { nodes: TWorkflowNode[] }, catalog: TWorkflowCatalog | undefined): string | null {
  const trigger = graph.nodes.find((n) => n.type === 'trigger')?.trigger;
  if (trigger?.kind === 'event') return (trigger.event && catalog?.events.find((e) => e.event === trigger.event)?.object) || null;
  return trigger?.object ?? null;
}

export function catalogObject(catalog: TWorkflowCatalog | undefined, key: string | null | undefined) {
  return key ? catalog?.objects.find((o) => o.key === key) : undefined;
}

const durationText = (t: TFunction, d: { amount: number; unit: string } | undefined) => (d ? t(`workflows.units.${d.unit}`, { count: d.amount }) : null);

/** What a node shows on the canvas: its title and one line saying what it does. */
export function describeNode(t: TFunction, catalog: TWorkflowCatalog | undefined, node: TWorkflowNode): { title: string; subtitle: string | null } {
  const custom = node.label?.trim();
  switch (node.type) {
    case 'trigger': {
      const trigger = node.trigger;
      const kind = trigger ? t(`workflows.triggerKinds.${trigger.kind}`) : t('workflows.nodes.trigger');
      const object = catalogObject(catalog, trigger?.object);
      const field = object?.fields.find((f) => f.key === trigger?.field)?.label ?? trigger?.field;
      const event = catalog?.events.find((e) => e.event === trigger?.event)?.label ?? trigger?.event;
      const detail = trigger?.kind === 'schedule' ? trigger.cron : trigger?.kind === 'event' ? event : field;
      return { title: custom || kind, subtitle: [object?.label ?? trigger?.object, detail].filter(Boolean).join(' · ') || null };
    }
    case 'condition':
      return { title: custom || t('workflows.nodes.condition'), subtitle: t('workflows.ruleCount', { count: node.rules?.rules.length ?? 0 }) };
    case 'branch':
      return { title: custom || t('workflows.nodes.branch'), subtitle: t('workflows.wayCount', { count: node.branches?.length ?? 0 }) };
    case 'action': {
      const action = catalog?.actions.find((a) => a.key === node.action);
      return { title: custom || action?.label || node.action || t('workflows.nodes.action'), subtitle: custom ? action?.label ?? null : null };
    }
    case 'wait': {
      const wait = node.wait;
      const event = catalog?.events.find((e) => e.event === wait?.event)?.label ?? wait?.event;
      const subtitle = wait?.mode === 'duration' ? durationText(t, wait.duration)
        : wait?.mode === 'until' ? (wait.until?.at ?? wait.until?.field ?? null)
          : wait?.mode === 'event' ? [event, wait.timeout ? t('workflows.wait.orAfter', { duration: durationText(t, wait.timeout) }) : null].filter(Boolean).join(' ') : null;
      return { title: custom || t('workflows.nodes.wait'), subtitle };
    }
    default:
      return { title: custom || t('workflows.nodes.end'), subtitle: null };
  }
}
