import { z } from 'zod';
import { localized, translate, type Context, type FieldIssue, type WorkflowActionDefinition } from '@voyage/kernel';
import { checkWritableFields, requireRecord, sourceFor } from './action-support';

export const ZTagsInput = z.object({ tags: z.array(z.string().trim().min(1).max(50)).min(1).max(50) });
export type TTagsInput = z.infer<typeof ZTagsInput>;

async function checkTags(ctx: Context, object: string | null): Promise<FieldIssue[]> {
  const issues = await checkWritableFields(ctx, object, ['tags'], 'values');
  return issues.length ? [{ field: 'tags', code: 'no_tags', message: translate(ctx.locale, 'automation.action.needs_tags', { field: 'tags' }) }] : [];
}

/** Adds or removes tags: a set change, so running it twice changes nothing more. */
function tagAction(mode: 'add' | 'remove'): WorkflowActionDefinition<TTagsInput> {
  const next = (current: unknown, tags: string[]) => {
    const have = Array.isArray(current) ? (current as string[]) : [];
    return mode === 'add' ? [...new Set([...have, ...tags])] : have.filter((t) => !tags.includes(t));
  };
  return {
    key: mode === 'add' ? 'automation.add_tag' : 'automation.remove_tag',
    labels: mode === 'add' ? localized('添加标签', '新增標籤', 'Add tags') : localized('移除标签', '移除標籤', 'Remove tags'),
    fields: [{ key: 'tags', kind: 'tags', required: true, labels: localized('标签', '標籤', 'Tags') }],
    input: ZTagsInput,
    check: (ctx, _input, object) => checkTags(ctx, object),
    async describe(actx, input) {
      return { summary: translate(actx.ctx.locale, `automation.action.summary.${mode}_tag`, { tags: input.tags.join(', ') }), output: { tags: next(actx.record?.values.tags, input.tags) } };
    },
    async run(actx, input) {
      const record = requireRecord(actx);
      const before = Array.isArray(record.values.tags) ? (record.values.tags as string[]) : [];
      const tags = next(before, input.tags);
      const changed = tags.length !== before.length || tags.some((t, i) => t !== before[i]);
      if (changed) await sourceFor(record.object, 'update').update(actx.ctx, record.id, { tags });
      return { tags, changed };
    },
  };
}

export const addTagAction = tagAction('add');
export const removeTagAction = tagAction('remove');
