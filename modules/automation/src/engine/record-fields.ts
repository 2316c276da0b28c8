import { loadCustomFieldDefs, workflowRecordSource, type CustomFieldDef, type Labels, type Queryable, type WorkflowFieldInfo, type WorkflowFieldKind, type WorkflowRecordSource } from '@voyage/kernel';

const KIND_BY_TYPE: Record<string, WorkflowFieldKind> = {
  number: 'number', currency: 'money', date: 'date', datetime: 'datetime', boolean: 'boolean', single_select: 'picklist',
  multi_select: 'multi', user: 'user', record_link: 'record',
};

function labelsOf(def: CustomFieldDef): Labels {
  const l = def.labels ?? {};
  return { en: l.en ?? def.label, 'zh-CN': l['zh-CN'] ?? def.label, 'zh-TW': l['zh-TW'] ?? def.label };
}

/** A custom field as the designer and the engine see it: `custom.<key>`. */
export function customFieldInfo(def: CustomFieldDef): WorkflowFieldInfo {
  return {
    key: `custom.${def.key}`,
    labels: labelsOf(def),
    kind: KIND_BY_TYPE[def.type] ?? 'text',
    writable: def.type !== 'autonumber',
    ...(def.options.length ? { options: def.options.map((o) => ({ value: o.value, labels: { en: o.labels?.en ?? o.label, 'zh-CN': o.labels?.['zh-CN'] ?? o.label, 'zh-TW': o.labels?.['zh-TW'] ?? o.label } })) } : {}),
    ...(def.type === 'record_link' && typeof def.config.linkObject === 'string' ? { object: def.config.linkObject } : {}),
  };
}

export interface ObjectFields {
  source: WorkflowRecordSource;
  defs: CustomFieldDef[];
  /** Built-in and custom fields, by key. */
  fields: Map<string, WorkflowFieldInfo>;
}

/** The record source of an object with the workspace's custom fields; null for an unknown object. */
export async function loadObjectFields(db: Queryable, workspaceId: string, object: string): Promise<ObjectFields | null> {
  const source = workflowRecordSource(object);
  if (!source) return null;
  const defs = await loadCustomFieldDefs(db, workspaceId, object);
  const fields = new Map<string, WorkflowFieldInfo>(source.fields.map((f) => [f.key, f]));
  for (const def of defs) fields.set(`custom.${def.key}`, customFieldInfo(def));
  return { source, defs, fields };
}
