import type { TRuleGroup, TSegmentRuleCondition } from '@voyage/contracts';
import { LIST_VALUE, NO_VALUE } from './rule-fields';

const filled = (c: TSegmentRuleCondition) => {
  if (NO_VALUE.has(c.operator)) return true;
  const v = c.value;
  if (Array.isArray(v)) return c.operator === 'between' ? v.length === 2 && v.every((x) => x !== '') : v.length > 0;
  if (LIST_VALUE.has(c.operator)) return false;
  return v !== null && v !== undefined && v !== '';
};

/** The rules without conditions still being typed, so the live count never flickers into errors. */
export function completeRules(group: TRuleGroup): TRuleGroup {
  const rules = group.rules.flatMap((r): Array<TSegmentRuleCondition | TRuleGroup> => {
    if ('rules' in r) {
      const g = completeRules(r);
      return g.rules.length ? [g] : [];
    }
    return filled(r) ? [r] : [];
  });
  return { op: group.op, rules };
}
