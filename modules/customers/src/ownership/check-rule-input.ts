import { AppError, buildListQuery, loadCustomFieldDefs, validationError, type Context } from '@voyage/kernel';
import type { TAssignmentRule } from '@voyage/contracts';
import { conditionsAsQuery } from './apply-assignment-rules';
import { assertActiveMembers } from './assign-owner';
import { kindOf } from './owned-kinds';

/**
 * Checks a rule's conditions with the list-query builder (the same fields and operators a
 * list filter accepts, custom fields included) and its users against the workspace.
 */
export async function checkRuleInput(ctx: Context, object: 'contact' | 'account', input: { kind?: string; conditions?: TAssignmentRule['conditions']; userIds?: string[] }): Promise<void> {
  const conditions = input.conditions ?? [];
  if (input.kind === 'field_match' && conditions.length === 0) {
    throw validationError([{ field: 'conditions', code: 'required', message: 'A field match rule needs at least one condition' }]);
  }
  if (conditions.length > 0) {
    const kind = kindOf(object);
    const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, object);
    try {
      buildListQuery(kind.list, conditionsAsQuery(conditions), { defs, locale: ctx.locale });
    } catch (error) {
      // Name the condition instead of the filter parameter the builder saw.
      if (error instanceof AppError && Array.isArray((error.details as { fields?: unknown })?.fields)) {
        const fields = (error.details as { fields: Array<{ field: string; code: string; message: string }> }).fields;
        throw validationError(fields.map((f) => {
          const i = conditions.findIndex((c) => f.field === `filter[${c.field}][${c.operator}]`);
          return { ...f, field: i >= 0 ? `conditions.${i}` : f.field };
        }));
      }
      throw error;
    }
  }
  if (input.userIds) await assertActiveMembers(ctx.db, ctx.workspaceId, input.userIds, 'customers.rule_unknown_user');
}
