import { and, eq } from 'drizzle-orm';
import { AppError, translate, workflowRecordSource, type Context, type FieldIssue, type Locale, type WorkflowActionContext, type WorkflowActionField, type WorkflowRecordSource } from '@voyage/kernel';
import { actionEffects } from '../db/action-state';
import { loadObjectFields } from '../engine/record-fields';
import { ACTION_ERRORS } from './action-messages';

export type RunRecord = NonNullable<WorkflowActionContext['record']>;

/** The run's record; a run without one (or whose record was deleted) fails the step with a clear reason. */
export function requireRecord(actx: WorkflowActionContext): RunRecord {
  if (!actx.record) throw new AppError(ACTION_ERRORS.noRecord);
  return actx.record;
}

/** What a publish-time message calls an input of an action: its catalogue label, in the reader's language. */
export function inputName(locale: Locale, fields: WorkflowActionField[], key: string): string {
  return fields.find((f) => f.key === key)?.labels[locale] ?? key;
}

/** The record source of `object` able to update (or create) records. */
export function sourceFor(object: string, ability: 'update' | 'create'): WorkflowRecordSource & Required<Pick<WorkflowRecordSource, 'update' | 'create'>> {
  const source = workflowRecordSource(object);
  if (!source || !source[ability]) throw new AppError(ability === 'update' ? ACTION_ERRORS.cannotUpdate : ACTION_ERRORS.cannotCreate, { params: { object } });
  return source as WorkflowRecordSource & Required<Pick<WorkflowRecordSource, 'update' | 'create'>>;
}

/** Text values with their {{merge.fields}} filled in; other values as they are. */
export async function mergeValues(actx: WorkflowActionContext, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  return Object.fromEntries(await Promise.all(Object.entries(values).map(async ([k, v]) => [k, typeof v === 'string' ? await actx.merge(v) : v] as const)));
}

/** Publish-time check of a field → value map: every key a writable field of the object (named by its label, or as given when unknown). */
export async function checkWritableFields(ctx: Context, object: string | null, keys: string[], path: string): Promise<FieldIssue[]> {
  if (!object) return [];
  const fields = await loadObjectFields(ctx.db, ctx.workspaceId, object);
  if (!fields) return [];
  return keys.flatMap((key) => {
    const field = `${path}.${key}`;
    const info = fields.fields.get(key);
    if (!info) return [{ field, code: 'unknown', message: translate(ctx.locale, 'automation.action.field_unknown', { field: `"${key}"` }) }];
    if (!info.writable) return [{ field, code: 'readonly', message: translate(ctx.locale, 'automation.action.field_readonly', { field: info.labels[ctx.locale] }) }];
    return [];
  });
}

/**
 * Runs an effect that is not idempotent by itself once per idempotency key: the key is claimed
 * in the step's transaction first (a concurrent run waits on it), and a later run gets the
 * output the first one stored.
 */
export async function runOnce(actx: WorkflowActionContext, action: string, effect: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const { db, workspaceId } = actx.ctx;
  const claimed = await db.insert(actionEffects).values({ workspaceId, idempotencyKey: actx.idempotencyKey, action }).onConflictDoNothing().returning({ key: actionEffects.idempotencyKey });
  const where = and(eq(actionEffects.workspaceId, workspaceId), eq(actionEffects.idempotencyKey, actx.idempotencyKey));
  if (!claimed.length) {
    const [done] = await db.select({ output: actionEffects.output }).from(actionEffects).where(where);
    return { ...(done?.output ?? {}), repeated: true };
  }
  const output = await effect();
  await db.update(actionEffects).set({ output }).where(where);
  return output;
}
