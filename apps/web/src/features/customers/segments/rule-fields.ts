import { LIFECYCLE_STAGES } from '@voyage/contracts';
import type { CustomField } from '../../../api/platform';
import type { CustomerObject } from '../record-config';

/** How the builder edits a field: which operators it offers and which value input it shows. */
export type RuleInputKind = 'text' | 'picklist' | 'number' | 'date' | 'boolean' | 'tags' | 'multi' | 'owner';

export interface RuleField {
  key: string;
  /** i18n key or a literal label (custom fields). */
  labelKey?: string;
  label?: string;
  group: 'builtIn' | 'custom' | 'behaviour';
  input: RuleInputKind;
  options?: Array<{ value: string; label: string; labelKey?: string }>;
}

export const OPERATORS_BY_INPUT: Record<RuleInputKind, string[]> = {
  text: ['contains', 'eq', 'neq', 'starts_with', 'is_empty', 'is_not_empty'],
  picklist: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: ['within_last_days', 'more_than_days_ago', 'gt', 'lt', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq'],
  tags: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  multi: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  owner: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
};

export const NO_VALUE = new Set(['is_empty', 'is_not_empty']);
export const LIST_VALUE = new Set(['in', 'between', 'has_any', 'has_all', 'has_none']);

const lifecycle = LIFECYCLE_STAGES.map((s) => ({ value: s, label: s, labelKey: `customers.lifecycle.${s}` }));
const b = (key: string, input: RuleInputKind, extra: Partial<RuleField> = {}): RuleField => ({ key, labelKey: `customers.fields.${key}`, group: 'builtIn', input, ...extra });

const BUILT_IN: Record<CustomerObject, RuleField[]> = {
  contact: [b('name', 'text'), b('email', 'text'), b('mobile', 'text'), b('phone', 'text'), b('title', 'text')],
  account: [b('name', 'text'), b('industry', 'text'), b('region', 'text'), b('size', 'text'), b('website', 'text'), b('phone', 'text')],
};
const COMMON: RuleField[] = [
  b('lifecycleStage', 'picklist', { options: lifecycle }),
  b('tags', 'tags'),
  b('ownerId', 'owner'),
  b('createdAt', 'date'),
  b('updatedAt', 'date'),
];
const BEHAVIOUR: RuleField[] = [
  { key: 'lastFollowUpAt', labelKey: 'segments.fields.lastFollowUpAt', group: 'behaviour', input: 'date' },
  { key: 'followUpCount', labelKey: 'segments.fields.followUpCount', group: 'behaviour', input: 'number' },
];

function customInput(f: CustomField): RuleInputKind | undefined {
  switch (f.type) {
    case 'number': case 'currency': return 'number';
    case 'date': case 'datetime': return 'date';
    case 'boolean': return 'boolean';
    case 'single_select': return 'picklist';
    case 'multi_select': return 'multi';
    case 'user': return 'owner';
    case 'record_link': return undefined;
    default: return 'text';
  }
}

/** Every field a rule may use for `object`: built-in, custom (from GET /custom-fields) and behaviour. */
export function ruleFields(object: CustomerObject, custom: CustomField[], label: (f: CustomField) => string): RuleField[] {
  const customs = custom.flatMap((f): RuleField[] => {
    const input = customInput(f);
    return input ? [{ key: `custom.${f.key}`, label: label(f), group: 'custom', input, options: f.options?.map((o) => ({ value: o.value, label: o.label })) }] : [];
  });
  return [...BUILT_IN[object], ...COMMON, ...customs, ...BEHAVIOUR];
}
