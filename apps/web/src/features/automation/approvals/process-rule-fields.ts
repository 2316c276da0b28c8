import type { RuleField, RuleInputKind } from '../../customers/segments/rule-fields';
import type { TCatalogObject } from './approvals-api';

const RULE_INPUT: Record<string, RuleInputKind> = {
  text: 'text', number: 'number', money: 'number', date: 'date', datetime: 'date', boolean: 'boolean', picklist: 'picklist', user: 'owner', tags: 'tags', multi: 'multi', record: 'text',
};

/** The catalogue's fields of an object in the segments rule builder's shape, for step conditions. */
export function processRuleFields(object: TCatalogObject | undefined): RuleField[] {
  return (object?.fields ?? []).map((f) => ({ key: f.key, label: f.label, group: f.key.startsWith('custom.') ? 'custom' : 'builtIn', input: RULE_INPUT[f.kind] ?? 'text', options: f.options ?? undefined }));
}

/** A typed value from the text an admin entered for an outcome field. */
export function outcomeValue(kind: string | undefined, text: string): unknown {
  if (kind === 'number' || kind === 'money') return text.trim() === '' ? null : Number(text);
  if (kind === 'boolean') return text === 'true';
  if (kind === 'tags' || kind === 'multi') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text === '' ? null : text;
}
