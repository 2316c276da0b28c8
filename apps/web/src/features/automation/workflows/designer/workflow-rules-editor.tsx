import type { TRuleGroup, TWorkflowRuleGroup } from '@voyage/contracts';
import type { RuleField } from '../../../customers/segments/rule-fields';
import { RuleGroupEditor } from '../../../customers/segments/rule-group-editor';
import type { CustomerObject } from '../../../customers/record-config';

/** The segments builder looks tags up per customer object; other objects use the shared list. */
const ruleObject = (object: string | null | undefined): CustomerObject => (object === 'account' ? 'account' : 'contact');

/** Errors under a prefix, with the prefix taken off (for the rule builder's `rules.0.field` paths). */
export function prefixed(errors: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
}

/**
 * The segments rule builder on a workflow's rules. The engine's rule values are any JSON (the
 * contract says unknown); the builder only ever writes the segments' value shapes, so a group it
 * edits reads as a segments group.
 */
export function WorkflowRulesEditor({ object, group, fields, onChange, errors }: { object: string | null | undefined; group: TWorkflowRuleGroup; fields: RuleField[]; onChange: (g: TWorkflowRuleGroup) => void; errors: Record<string, string> }) {
  return <RuleGroupEditor object={ruleObject(object)} group={group as TRuleGroup} fields={fields} onChange={onChange} errors={errors} />;
}
