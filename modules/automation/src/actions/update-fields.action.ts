import { z } from 'zod';
import { localized, translate, type WorkflowActionDefinition } from '@voyage/kernel';
import { checkWritableFields, mergeValues, requireRecord, sourceFor } from './action-support';

export const ZUpdateFieldsInput = z.object({ values: z.record(z.string().min(1).max(200), z.unknown()).refine((v) => Object.keys(v).length > 0, 'required') });
export type TUpdateFieldsInput = z.infer<typeof ZUpdateFieldsInput>;

/** `automation.update_fields`: sets fields of the record through its module's update (validation, field rules, audit, events). */
export const updateFieldsAction: WorkflowActionDefinition<TUpdateFieldsInput> = {
  key: 'automation.update_fields',
  labels: localized('更新字段', '更新欄位', 'Update fields'),
  descriptions: localized('设置记录的字段值（文本可用合并字段）', '設定記錄的欄位值（文字可用合併欄位）', 'Set fields of the record (text may use merge fields)'),
  fields: [{ key: 'values', kind: 'field_values', required: true, merge: true, labels: localized('字段值', '欄位值', 'Values') }],
  input: ZUpdateFieldsInput,
  check: (ctx, input, object) => checkWritableFields(ctx, object, Object.keys(input.values), 'values'),
  async describe(actx, input) {
    const values = await mergeValues(actx, input.values);
    const fields = Object.entries(values).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
    return { summary: translate(actx.ctx.locale, 'automation.action.summary.update_fields', { fields }), output: { values } };
  },
  async run(actx, input) {
    const record = requireRecord(actx);
    const values = await mergeValues(actx, input.values);
    await sourceFor(record.object, 'update').update(actx.ctx, record.id, values);
    return { values };
  },
};
