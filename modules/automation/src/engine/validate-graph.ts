import type { TWorkflowGraph, TWorkflowIssue, TWorkflowNode, TWorkflowRuleGroup, TWorkflowTrigger } from '@voyage/contracts';
import { AppError, compileRuleGroup, translate, workflowAction, workflowEvent, type Context, type FieldIssue, type Locale, type RuleGroup, type WorkflowActionDefinition } from '@voyage/kernel';
import { isValidTimeZone, parseCron } from './cron';
import { cyclesWithoutWait, edgeHandle, handlesOf, handlesRequired, reachableFrom } from './graph';
import { loadObjectFields, type ObjectFields } from './record-fields';
import { zodFieldIssues } from './zod-issues';
import './engine-messages';

const RECORD_TRIGGERS = new Set(['record_created', 'record_updated', 'field_changed', 'date_relative', 'manual']);

/** The record kind a graph works on: its trigger's object, or the event's object. */
export function graphObject(trigger: TWorkflowTrigger | undefined): string | null {
  if (!trigger) return null;
  if (trigger.kind === 'event') return (trigger.event && workflowEvent(trigger.event)?.object) ?? null;
  return trigger.object ?? null;
}

/**
 * Every problem that keeps a graph from being published, each with its path
 * (`nodes.<id>.input.<field>`, `nodes.<id>`, `edges.<id>`, `graph`), so the designer marks the
 * node, and a translated message naming the field by its label ("Tags is required."):
 * the trigger, actions and their inputs (schema and the action's own check), conditions against
 * the object's fields, edges, unreachable steps, unconnected ways out, loops without a wait.
 */
export async function validateGraph(ctx: Context, graph: TWorkflowGraph): Promise<TWorkflowIssue[]> {
  const issues: TWorkflowIssue[] = [];
  const add = (path: string, nodeId: string | null, code: string, params: Record<string, string | number> = {}) =>
    issues.push({ path, nodeId, code, message: translate(ctx.locale, `workflow.issue.${code}`, params) });
  const addFields = (nodeId: string, fields: FieldIssue[]) => {
    for (const f of fields) issues.push({ path: f.field, nodeId, code: f.code, message: f.message });
  };

  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id)) add(`nodes.${node.id}`, node.id, 'node_duplicate', { id: node.id });
    ids.add(node.id);
  }
  const triggers = graph.nodes.filter((n) => n.type === 'trigger');
  if (triggers.length !== 1) add('graph', null, 'trigger_count', { count: triggers.length });
  const triggerNode = triggers[0];
  const trigger = triggerNode?.trigger;
  const object = graphObject(trigger);
  const fields = object ? await loadObjectFields(ctx.db, ctx.workspaceId, object) : null;

  if (triggerNode) await checkTrigger(ctx, triggerNode, fields, add, addFields);

  for (const node of graph.nodes) {
    const at = `nodes.${node.id}`;
    if (node.type === 'action') {
      if (!node.action) { add(`${at}.action`, node.id, 'action_missing'); continue; }
      const action = workflowAction(node.action);
      if (!action) { add(`${at}.action`, node.id, 'action_unknown', { action: node.action }); continue; }
      if (action.objects && (!object || !action.objects.includes(object))) add(`${at}.action`, node.id, 'action_object', { action: node.action });
      const parsed = action.input.safeParse(node.input ?? {});
      if (!parsed.success) { addFields(node.id, zodFieldIssues(parsed.error, ctx.locale, `${at}.input`, (path) => inputLabel(action, path, ctx.locale))); continue; }
      if (action.check) {
        const found = await action.check(ctx, parsed.data, object);
        addFields(node.id, found.map((f) => ({ ...f, field: `${at}.input.${f.field}` })));
      }
    } else if (node.type === 'condition') {
      if (!node.rules || node.rules.rules.length === 0) add(`${at}.rules`, node.id, 'rules_missing');
      else checkRules(ctx, node.id, node.rules, `${at}.rules`, fields, add, addFields);
    } else if (node.type === 'branch') {
      const ways = node.branches ?? [];
      if (ways.length === 0) add(`${at}.branches`, node.id, 'branches_missing');
      const keys = new Set<string>();
      ways.forEach((way, i) => {
        if (keys.has(way.key) || way.key === 'else') add(`${at}.branches.${i}.key`, node.id, 'branch_key_duplicate', { key: way.key });
        keys.add(way.key);
        checkRules(ctx, node.id, way.rules, `${at}.branches.${i}.rules`, fields, add, addFields);
      });
    } else if (node.type === 'wait') {
      checkWait(node, fields, add);
    }
  }

  // Edges: both ends exist, they leave by a way the step has, none goes back into the trigger.
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const used = new Map<string, number>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    if (!source || !byId.has(edge.target)) { add(`edges.${edge.id}`, null, 'edge_dangling'); continue; }
    if (byId.get(edge.target)!.type === 'trigger') add(`edges.${edge.id}`, null, 'trigger_incoming');
    const handle = edgeHandle(edge);
    if (!handlesOf(source).includes(handle)) { add(`edges.${edge.id}`, source.id, 'edge_handle', { handle: handle || '→' }); continue; }
    const key = `${source.id}\u0000${handle}`;
    used.set(key, (used.get(key) ?? 0) + 1);
  }
  for (const node of graph.nodes) {
    for (const handle of handlesOf(node)) {
      const count = used.get(`${node.id}\u0000${handle}`) ?? 0;
      if (count > 1) add(`nodes.${node.id}`, node.id, 'next_many', { count });
      else if (count === 0 && handlesRequired(node)) add(`nodes.${node.id}`, node.id, 'handle_missing', { handle });
    }
  }
  if (triggerNode) {
    const reachable = reachableFrom(graph, triggerNode.id);
    for (const node of graph.nodes) if (!reachable.has(node.id) && node.type !== 'trigger') add(`nodes.${node.id}`, node.id, 'unreachable');
  }
  for (const cycle of cyclesWithoutWait(graph)) add(`nodes.${cycle[0]}`, cycle[0], 'cycle', { nodes: cycle.join(' → ') });
  return issues;
}

/** The catalogue's label of an action's input, in the reader's language: what a message calls the field. */
export function inputLabel(action: Pick<WorkflowActionDefinition, 'fields'>, path: Array<string | number>, locale: Locale): string | undefined {
  return action.fields.find((f) => f.key === path[0])?.labels[locale];
}

/** "Rule 2.1", "The value of rule 1": how a problem in a rule group names the rule (paths count from 0, people from 1). */
function ruleLabel(locale: Locale, base: string, path: string): string {
  const rest = path.startsWith(base) ? path.slice(base.length).split('.').filter(Boolean) : [];
  const n = rest.filter((p) => /^\d+$/.test(p)).map((p) => Number(p) + 1).join('.');
  if (!n) return translate(locale, 'workflow.issue.rules_label');
  return translate(locale, rest.at(-1) === 'value' ? 'workflow.issue.rule_value_label' : 'workflow.issue.rule_label', { n });
}

type Add = (path: string, nodeId: string | null, code: string, params?: Record<string, string | number>) => void;
type AddFields = (nodeId: string, fields: FieldIssue[]) => void;

async function checkTrigger(ctx: Context, node: TWorkflowNode, fields: ObjectFields | null, add: Add, addFields: AddFields): Promise<void> {
  const at = `nodes.${node.id}.trigger`;
  const t = node.trigger;
  if (!t) { add(at, node.id, 'trigger_missing'); return; }
  if (RECORD_TRIGGERS.has(t.kind)) {
    if (!t.object) { add(`${at}.object`, node.id, 'object_missing'); return; }
    if (!fields) { add(`${at}.object`, node.id, 'object_unknown', { object: t.object }); return; }
  }
  if (t.kind === 'field_changed') {
    if (!t.field) add(`${at}.field`, node.id, 'field_missing');
    else if (!fields!.fields.has(t.field)) add(`${at}.field`, node.id, 'field_unknown', { field: t.field });
  }
  if (t.kind === 'date_relative') {
    if (!t.field) add(`${at}.field`, node.id, 'field_missing');
    else if (!dateFieldNames(fields!).includes(t.field)) add(`${at}.field`, node.id, 'date_field', { field: t.field });
    if (t.offsetDays === undefined) add(`${at}.offsetDays`, node.id, 'offset_missing');
  }
  if (t.kind === 'schedule') {
    if (!t.cron || !parseCron(t.cron)) add(`${at}.cron`, node.id, 'cron_invalid', { cron: t.cron ?? '' });
    if (t.timezone && !isValidTimeZone(t.timezone)) add(`${at}.timezone`, node.id, 'timezone_invalid', { timezone: t.timezone });
  }
  if (t.kind === 'event') {
    if (!t.event) add(`${at}.event`, node.id, 'event_missing');
    else if (!workflowEvent(t.event)) add(`${at}.event`, node.id, 'event_unknown', { event: t.event });
  }
  if (t.filter && t.filter.rules.length > 0) checkRules(ctx, node.id, t.filter, `${at}.filter`, fields, add, addFields);
}

/** Date fields the date trigger and `until` waits may use: the source's and custom date fields. */
export function dateFieldNames(fields: ObjectFields): string[] {
  return [...Object.keys(fields.source.dateFields ?? {}), ...fields.defs.filter((d) => d.type === 'date' || d.type === 'datetime').map((d) => `custom.${d.key}`)];
}

function checkRules(ctx: Context, nodeId: string, rules: TWorkflowRuleGroup, path: string, fields: ObjectFields | null, add: Add, addFields: AddFields): void {
  if (!fields) { add(path, nodeId, 'rules_no_object'); return; }
  try {
    const base = `${path}.rules`;
    compileRuleGroup(fields.source.list, rules as RuleGroup, { defs: fields.defs, locale: ctx.locale, actor: ctx.actor, object: fields.source.object, path: base, label: (at) => ruleLabel(ctx.locale, base, at) });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    addFields(nodeId, (error.details as { fields: FieldIssue[] }).fields);
  }
}

function checkWait(node: TWorkflowNode, fields: ObjectFields | null, add: Add): void {
  const at = `nodes.${node.id}.wait`;
  const w = node.wait;
  if (!w) { add(at, node.id, 'wait_missing'); return; }
  if (w.mode === 'duration' && !w.duration) add(`${at}.duration`, node.id, 'wait_missing');
  if (w.mode === 'until') {
    if (w.until?.at) {
      if (Number.isNaN(Date.parse(w.until.at))) add(`${at}.until.at`, node.id, 'wait_date_invalid', { at: w.until.at });
    } else if (w.until?.field) {
      if (!fields || !dateFieldNames(fields).includes(w.until.field)) add(`${at}.until.field`, node.id, 'date_field', { field: w.until.field });
    } else add(`${at}.until`, node.id, 'wait_until');
  }
  if (w.mode === 'event') {
    if (!w.event) add(`${at}.event`, node.id, 'event_missing');
    else if (!workflowEvent(w.event)) add(`${at}.event`, node.id, 'event_unknown', { event: w.event });
    if (!w.timeout) add(`${at}.timeout`, node.id, 'wait_timeout');
  }
}
