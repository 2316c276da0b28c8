import { z } from 'zod';
import { localized, translate, workflowRecordSource, type WorkflowActionDefinition } from '@voyage/kernel';
import { checkWritableFields, inputName, mergeValues, runOnce, sourceFor } from './action-support';

export const ZCreateRecordInput = z.object({
  object: z.string().min(1).max(60),
  values: z.record(z.string().min(1).max(200), z.unknown()),
});
export type TCreateRecordInput = z.infer<typeof ZCreateRecordInput>;

/** `automation.create_record`: a record of any kind whose module can create one, once per step. */
export const createRecordAction: WorkflowActionDefinition<TCreateRecordInput> = {
  key: 'automation.create_record',
  labels: localized('创建记录', '建立記錄', 'Create a record'),
  descriptions: localized('通过所属模块创建一条记录（文本可用合并字段）', '透過所屬模組建立一筆記錄（文字可用合併欄位）', 'A new record through its module (text may use merge fields)'),
  fields: [
    { key: 'object', kind: 'object', required: true, labels: localized('记录类型', '記錄類型', 'Record kind') },
    { key: 'values', kind: 'field_values', required: true, merge: true, labels: localized('字段值', '欄位值', 'Values') },
  ],
  input: ZCreateRecordInput,
  async check(ctx, input) {
    if (!workflowRecordSource(input.object)?.create) return [{ field: 'object', code: 'unknown', message: translate(ctx.locale, 'automation.action.object_unknown', { field: inputName(ctx.locale, createRecordAction.fields, 'object') }) }];
    return checkWritableFields(ctx, input.object, Object.keys(input.values), 'values');
  },
  async describe(actx, input) {
    const values = await mergeValues(actx, input.values);
    const label = workflowRecordSource(input.object)?.labels[actx.ctx.locale] ?? input.object;
    return { summary: translate(actx.ctx.locale, 'automation.action.summary.create_record', { object: label, fields: Object.entries(values).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ') }), output: { object: input.object, values } };
  },
  async run(actx, input) {
    const source = sourceFor(input.object, 'create');
    return runOnce(actx, createRecordAction.key, async () => {
      const { id } = await source.create(actx.ctx, await mergeValues(actx, input.values));
      return { object: input.object, id };
    });
  },
};
