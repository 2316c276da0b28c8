import { assertCapability, translate, type Context } from '@voyage/kernel';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { loadObjectFields } from '../engine/record-fields';
import { PERSON_FIELDS } from './merge-fields';

/** Merge fields for the template editor: the record's fields (custom ones too), its owner's, the recipient's address. */
export async function getMergeFields(ctx: Context, object: string | undefined): Promise<Array<{ path: string; label: string }>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const fields = object ? await loadObjectFields(ctx.db, ctx.workspaceId, object) : null;
  const recordLabel = fields ? fields.source.labels[ctx.locale] : '';
  return [
    ...(fields ? [...fields.fields.values()].map((f) => ({ path: `record.${f.key}`, label: `${recordLabel} · ${f.labels[ctx.locale]}` })) : []),
    ...PERSON_FIELDS.map((f) => ({ path: `owner.${f}`, label: translate(ctx.locale, `automation.merge.owner_${f}`) })),
    { path: 'recipient.email', label: translate(ctx.locale, 'automation.merge.recipient_email') },
  ];
}
