import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { customFieldDefs } from '../db/schema';
import { AppError, notFound, validationError } from '../errors';
import { diffValues, writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { assertCapability } from '../permissions/check';
import { checkFieldDefinition } from './check-field-definition';
import { invalidateCustomFieldDefs } from './load-custom-field-defs';
import type { CreateCustomFieldInput } from './create-custom-field';
import type { CustomFieldDef } from './types';

export type UpdateCustomFieldInput = Partial<Pick<CreateCustomFieldInput, 'label' | 'labels' | 'required' | 'options' | 'config' | 'helpText' | 'position'>> & { version: number };

const compact = (labels?: Record<string, string | undefined>) => Object.fromEntries(Object.entries(labels ?? {}).filter(([, v]) => v)) as Record<string, string>;

/** Changes a field's label, rules, options or settings. Object, key and type stay fixed: stored values depend on them. */
export async function updateCustomField(ctx: Context, id: string, input: UpdateCustomFieldInput, knownObjects: string[]): Promise<CustomFieldDef> {
  assertCapability(ctx.actor, 'settings.custom_fields');
  const updated = await ctx.database.db.transaction(async (tx) => {
    const where = and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.id, id), isNull(customFieldDefs.deletedAt));
    const [before] = await tx.select().from(customFieldDefs).where(where);
    if (!before) throw notFound('custom_field');
    if (before.version !== input.version) throw new AppError('version_conflict', { details: { currentVersion: before.version } });
    const def = before as CustomFieldDef;
    const isSelect = def.type === 'single_select' || def.type === 'multi_select';
    const changes = {
      ...(input.label !== undefined && { label: input.label }),
      ...(input.labels !== undefined && { labels: compact(input.labels) }),
      ...(input.required !== undefined && def.type !== 'autonumber' && { required: input.required }),
      ...(input.options !== undefined && isSelect && { options: input.options.map((o) => ({ ...o, labels: o.labels ? compact(o.labels) : undefined })) }),
      ...(input.config !== undefined && { config: input.config as Record<string, unknown> }),
      ...(input.helpText !== undefined && { helpText: input.helpText }),
      ...(input.position !== undefined && { position: input.position }),
    };
    const merged = { ...def, ...changes } as CustomFieldDef;
    const issues = checkFieldDefinition(merged, knownObjects, ctx.locale);
    if (issues.length) throw validationError(issues);
    const [row] = await tx
      .update(customFieldDefs)
      .set({ ...changes, version: sql`${customFieldDefs.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(and(where, eq(customFieldDefs.version, input.version)))
      .returning();
    if (!row) throw new AppError('version_conflict');
    const { oldValues, newValues } = diffValues(before, row, ['updatedAt', 'updatedBy', 'version']);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'custom_field', recordId: id, summary: `${row.object}.${row.key}`, oldValues, newValues, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId: ctx.workspaceId, event: 'platform.custom_field.updated', payload: { id, object: row.object, key: row.key, changes: Object.keys(newValues) }, actorUserId: ctx.actor.userId });
    return row as CustomFieldDef;
  });
  invalidateCustomFieldDefs(ctx.workspaceId, updated.object);
  return updated;
}
