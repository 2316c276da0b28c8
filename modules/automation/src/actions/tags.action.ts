import { z } from 'zod';
import { localized, translate, type Context, type FieldIssue, type WorkflowActionDefinition, type WorkflowActionField } from '@voyage/kernel';
import { checkWritableFields, inputName, requireRecord, sourceFor } from './action-support';

export const ZTagsInput = z.object({ tags: z.array(z.string().trim().min(1).max(50)).min(1).max(50) });
export type TTagsInput = z.infer<typeof ZTagsInput>;

const TAG_FIELDS: WorkflowActionField[] = [{ key: 'tags', kind: 'tags', required: true, labels: localized('标签', '標籤', 'Tags') }];

async function checkTags(ctx: Context, object: string | null): Promise<FieldIssue[]> {
  const issues = await checkWritableFields(ctx, object, ['tags'], 'values');
  return issues.length ? [{ field: 'tags', code: 'no_tags', message: translate(ctx.locale, 'automation.action.needs_tags', { field: inputName(ctx.locale, TAG_FIELDS, 'tags') }) }] : [];
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
    fields: TAG_FIELDS,
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
    // Many runs' records in one update per record kind; two runs on one record see each other's tags, in order.
    async runMany(items) {
      const current = new Map<string, string[]>();
      const outputs = items.map(({ actx, input }) => {
        const record = requireRecord(actx);
        const key = `${record.object}\u0000${record.id}`;
        const before = current.get(key) ?? (Array.isArray(record.values.tags) ? (record.values.tags as string[]) : []);
        const tags = next(before, input.tags);
        const changed = tags.length !== before.length || tags.some((t, i) => t !== before[i]);
        if (changed) current.set(key, tags);
        return { tags, changed };
      });
      const byObject = new Map<string, Array<{ id: string; values: Record<string, unknown> }>>();
      for (const [key, tags] of current) {
        const [object, id] = key.split('\u0000');
        byObject.set(object, [...(byObject.get(object) ?? []), { id, values: { tags } }]);
      }
      const { ctx } = items[0].actx;
      for (const [object, changes] of byObject) {
        const source = sourceFor(object, 'update');
        if (source.updateMany) await source.updateMany(ctx, changes);
        else for (const c of changes) await source.update(ctx, c.id, c.values);
      }
      return outputs;
    },
  };
}

export const addTagAction = tagAction('add');
export const removeTagAction = tagAction('remove');
