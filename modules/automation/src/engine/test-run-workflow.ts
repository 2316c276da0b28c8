import type { TWorkflowGraph, TWorkflowNode, TWorkflowTrigger, TWorkflowWait } from '@voyage/contracts';
import { AppError, assertCapability, translate, workflowAction, workflowEvent, workflowRecordSource, type Context, type Locale, type WorkflowActionContext } from '@voyage/kernel';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { nextNodeId, nodeById, triggerOf } from './graph';
import { mergeText, recordsMatching } from './record-rules';
import { stepTitle } from './list-workflow-runs';
import { graphObject, inputLabel } from './validate-graph';
import { workflowVersion } from './workflow-cache';
import { loadWorkflow } from './workflow-wire';
import { zodFieldIssues } from './zod-issues';
import './engine-messages';

interface TestStep { nodeId: string; type: TWorkflowNode['type']; title: string; summary: string; outcome: string | null; error: string | null }

/** Rolls a transaction back after the dry run, whatever an action's describe() did. */
class DryRunDone extends Error {
  constructor(readonly steps: TestStep[]) {
    super('dry run');
  }
}

/** Longest path a dry run follows (a loop with a wait would go on for ever). */
const MAX_TEST_STEPS = 50;

function describeWait(locale: Locale, wait: TWorkflowWait | undefined): string {
  const unit = (u: string) => translate(locale, `workflow.unit.${u}`);
  if (!wait) return '';
  if (wait.mode === 'duration' && wait.duration) return translate(locale, 'workflow.wait.duration', { amount: wait.duration.amount, unit: unit(wait.duration.unit) });
  if (wait.mode === 'until') return translate(locale, 'workflow.wait.until', { at: wait.until?.at ?? `${wait.until?.field ?? ''}${wait.until?.offsetDays ? ` ${wait.until.offsetDays > 0 ? '+' : ''}${wait.until.offsetDays}d` : ''}` });
  return translate(locale, 'workflow.wait.event', { event: wait.event ?? '', amount: wait.timeout?.amount ?? 0, unit: unit(wait.timeout?.unit ?? 'hours') });
}

/** What starts the run, in the reader's language: "Record updated · Contact", or the event's name. */
function describeTrigger(locale: Locale, trigger: TWorkflowTrigger | undefined): string {
  if (!trigger) return '';
  const kind = translate(locale, `workflow.trigger_kind.${trigger.kind}`);
  const event = trigger.kind === 'event' && trigger.event ? workflowEvent(trigger.event)?.labels[locale] ?? trigger.event : null;
  const object = trigger.object ? workflowRecordSource(trigger.object)?.labels[locale] ?? trigger.object : null;
  return [kind, event ?? object].filter(Boolean).join(' · ');
}

/**
 * A dry run of the draft (or the published version) against one record: conditions and
 * branches are evaluated for real, actions say what they would do (describe()), waits what they
 * would wait for; the path follows an event wait's `event` way. Nothing is written: the whole
 * run happens in a transaction that is rolled back.
 */
export async function testRunWorkflow(ctx: Context, id: string, input: { recordId?: string; payload?: Record<string, unknown>; useDraft?: boolean }): Promise<{ steps: TestStep[] }> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const row = await loadWorkflow(ctx, id);
  let graph: TWorkflowGraph = row.draft;
  if (input.useDraft === false && row.publishedVersion !== null) graph = (await workflowVersion(ctx.db, ctx.workspaceId, id, row.publishedVersion))?.graph ?? row.draft;
  const trigger = triggerOf(graph);
  const object = graphObject(trigger?.trigger);
  if (!trigger) throw new AppError('workflow.invalid_graph', { params: { count: 1 }, details: { issues: [{ path: 'graph', nodeId: null, code: 'trigger_count', message: translate(ctx.locale, 'workflow.issue.trigger_count', { count: 0 }) }] } });
  if (object && !input.recordId) throw new AppError('validation_failed', { details: { fields: [{ field: 'recordId', code: 'required', message: translate(ctx.locale, 'workflow.test.record_missing') }] } });
  try {
    await ctx.database.db.transaction(async (tx) => {
      const dry: Context = { ...ctx, db: tx };
      const source = object ? workflowRecordSource(object) : undefined;
      const values = source && input.recordId ? (await source.load(tx, ctx.workspaceId, [input.recordId])).get(input.recordId) ?? null : null;
      if (object && !values) throw new AppError('not_found', { params: { what: 'record' } });
      const payload = input.payload ?? {};
      const steps: TestStep[] = [];
      const outputs: Record<string, Record<string, unknown>> = {};
      const scope = { record: values, trigger: payload, steps: outputs };
      let node: TWorkflowNode | undefined = trigger;
      while (node && steps.length < MAX_TEST_STEPS) {
        const title = stepTitle(ctx.locale, node, node.type);
        let summary = '';
        let outcome: string | null = null;
        let error: string | null = null;
        if (node.type === 'trigger') summary = translate(ctx.locale, 'workflow.test.trigger', { what: describeTrigger(ctx.locale, node.trigger) });
        else if (node.type === 'end') summary = translate(ctx.locale, 'workflow.test.end');
        else if (node.type === 'wait') { summary = translate(ctx.locale, 'workflow.test.would_wait', { what: describeWait(ctx.locale, node.wait) }); outcome = node.wait?.mode === 'event' ? 'event' : null; }
        else if (node.type === 'condition' || node.type === 'branch') {
          if (!object || !input.recordId) { error = translate(ctx.locale, 'workflow.issue.rules_no_object'); }
          else if (node.type === 'condition') {
            const match = (await recordsMatching(tx, ctx.workspaceId, object, [input.recordId], node.rules, { locale: ctx.locale, actor: ctx.actor })).has(input.recordId);
            outcome = match ? 'true' : 'false';
            summary = translate(ctx.locale, 'workflow.test.condition', { result: translate(ctx.locale, match ? 'workflow.test.matches' : 'workflow.test.does_not_match') });
          } else {
            outcome = 'else';
            for (const way of node.branches ?? []) {
              if ((await recordsMatching(tx, ctx.workspaceId, object, [input.recordId], way.rules, { locale: ctx.locale, actor: ctx.actor })).has(input.recordId)) { outcome = way.key; break; }
            }
            summary = translate(ctx.locale, 'workflow.test.branch', { way: node.branches?.find((b) => b.key === outcome)?.label ?? outcome });
          }
        } else if (node.type === 'action') {
          const action = node.action ? workflowAction(node.action) : undefined;
          const parsed = action?.input.safeParse(node.input ?? {});
          if (!action) error = translate(ctx.locale, 'workflow.issue.action_unknown', { action: node.action ?? '' });
          else if (!parsed!.success) error = zodFieldIssues(parsed!.error, ctx.locale, 'input', (path) => inputLabel(action, path, ctx.locale)).map((i) => i.message).join(' ');
          else {
            const actx: WorkflowActionContext = {
              ctx: dry, workflowId: id, runId: '00000000-0000-0000-0000-000000000000', stepId: node.id, idempotencyKey: `test:${id}:${node.id}`,
              record: object && input.recordId && values ? { object, id: input.recordId, values } : null,
              trigger: payload, steps: outputs, now: new Date(), jobs: async () => null, merge: (text) => mergeText(text, scope, tx),
            };
            try {
              const described = await action.describe(actx, parsed!.data);
              summary = described.summary;
              outputs[node.id] = described.output ?? {};
            } catch (e) {
              error = e instanceof AppError ? translate(ctx.locale, `errors.${e.code}`, e.params ?? {}) : e instanceof Error ? e.message : String(e);
            }
          }
        }
        steps.push({ nodeId: node.id, type: node.type, title, summary, outcome, error });
        if (error || node.type === 'end') break;
        const next = nextNodeId(graph, node.id, outcome);
        node = next ? nodeById(graph, next) : undefined;
      }
      throw new DryRunDone(steps);
    });
  } catch (e) {
    if (e instanceof DryRunDone) return { steps: e.steps };
    throw e;
  }
  return { steps: [] };
}
