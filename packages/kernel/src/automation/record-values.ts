import type { ZodType } from 'zod';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { validationError } from '../errors';
import { workflowRecordSource, type WorkflowActionContext } from './catalog';

/** A record's workflow values: its wire values with custom fields flattened to `custom.<key>`. */
export function workflowValues(wire: Record<string, unknown>): Record<string, unknown> {
  const { custom, ...rest } = wire;
  const out: Record<string, unknown> = { ...rest };
  for (const [key, value] of Object.entries((custom ?? {}) as Record<string, unknown>)) out[`custom.${key}`] = value;
  return out;
}

/**
 * Workflow field values (`custom.<key>` too) as an input of the module's use case; with a
 * schema, checked against it, so a bad value is a 400 naming the field, as through the API.
 */
export function workflowInput<T = Record<string, unknown>>(locale: Locale, values: Record<string, unknown>, schema?: ZodType<T>): T {
  const input: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('custom.')) custom[key.slice('custom.'.length)] = value;
    else input[key] = value;
  }
  if (Object.keys(custom).length) input.custom = custom;
  if (!schema) return input as T;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error.issues.map((issue) => {
    const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(', ') : null;
    const field = unknownKeys ?? (issue.path.join('.') || 'values');
    return { field, code: issue.code, message: translate(locale, unknownKeys ? 'field.unknown' : 'field.invalid', { field }) };
  }));
}

/**
 * The values of the record a link field of the run's record points at (a deal's
 * `primaryContactId` → the contact), read through that object's source; null when unset or gone.
 */
export async function loadLinkedValues(actx: Pick<WorkflowActionContext, 'ctx' | 'record'>, linkField: string): Promise<Record<string, unknown> | null> {
  const record = actx.record;
  const object = record ? workflowRecordSource(record.object)?.fields.find((f) => f.key === linkField)?.object : undefined;
  const source = object ? workflowRecordSource(object) : undefined;
  const id = record?.values[linkField];
  if (!source || typeof id !== 'string') return null;
  return (await source.load(actx.ctx.db, actx.ctx.workspaceId, [id])).get(id) ?? null;
}
