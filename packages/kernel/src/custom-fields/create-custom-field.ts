import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { customFieldDefs } from '../db/schema';
import { AppError, validationError } from '../errors';
import { newId } from '../ids';
import { writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { assertCapability } from '../permissions/check';
import { translate } from '../i18n/translate';
import { checkFieldDefinition } from './check-field-definition';
import { invalidateCustomFieldDefs } from './load-custom-field-defs';
import type { CustomFieldConfig, CustomFieldDef, CustomFieldType } from './types';

export interface CreateCustomFieldInput {
  object: string;
  key: string;
  label: string;
  labels?: Record<string, string | undefined>;
  type: CustomFieldType;
  required?: boolean;
  options?: Array<{ value: string; label: string; labels?: Record<string, string | undefined>; color?: string }>;
  config?: CustomFieldConfig;
  helpText?: string | null;
  position?: number;
}

const isSelect = (type: CustomFieldType) => type === 'single_select' || type === 'multi_select';
const compact = (labels?: Record<string, string | undefined>) => Object.fromEntries(Object.entries(labels ?? {}).filter(([, v]) => v)) as Record<string, string>;

/** Defines a custom field on a registered object. `knownObjects` are the registry's object keys. */
export async function createCustomField(ctx: Context, input: CreateCustomFieldInput, knownObjects: string[]): Promise<CustomFieldDef> {
  assertCapability(ctx.actor, 'settings.custom_fields');
  const options = isSelect(input.type) ? (input.options ?? []).map((o) => ({ ...o, labels: o.labels ? compact(o.labels) : undefined })) : [];
  const config = input.config ?? {};
  const issues = checkFieldDefinition({ object: input.object, type: input.type, options, config }, knownObjects, ctx.locale);
  if (issues.length) throw validationError(issues);
  const keyTaken = () => new AppError('duplicate', { params: { field: 'key' }, details: { fields: [{ field: 'key', code: 'duplicate', message: translate(ctx.locale, 'field.key_taken', { field: 'key', key: input.key }) }] } });

  const created = await ctx.database.db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: customFieldDefs.id })
      .from(customFieldDefs)
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.object, input.object), eq(customFieldDefs.key, input.key), isNull(customFieldDefs.deletedAt)));
    if (existing.length) throw keyTaken();
    const now = new Date();
    const [row] = await tx
      .insert(customFieldDefs)
      .values({
        workspaceId: ctx.workspaceId,
        id: newId(),
        object: input.object,
        key: input.key,
        label: input.label,
        labels: compact(input.labels),
        type: input.type,
        // An autonumber is always filled by the server, so "required" means nothing for it.
        required: input.type === 'autonumber' ? false : (input.required ?? false),
        options,
        config: config as Record<string, unknown>,
        helpText: input.helpText ?? null,
        position: input.position ?? 0,
        createdAt: now,
        updatedAt: now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning();
    const { createdAt: _c, updatedAt: _u, ...values } = row;
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'custom_field', recordId: row.id, summary: `${row.object}.${row.key}`, newValues: values, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId: ctx.workspaceId, event: 'platform.custom_field.created', payload: { id: row.id, object: row.object, key: row.key, type: row.type }, actorUserId: ctx.actor.userId });
    return row as CustomFieldDef;
  }).catch((error: unknown) => {
    // Two concurrent creates of one key: the partial unique index catches the second.
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === '23505') throw keyTaken();
    throw error;
  });
  invalidateCustomFieldDefs(ctx.workspaceId, input.object);
  return created;
}
