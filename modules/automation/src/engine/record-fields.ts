import { getTableName, sql } from 'drizzle-orm';
import { loadCustomFieldDefs, localized, workflowRecordSource, type CustomFieldDef, type Labels, type Queryable, type WorkflowFieldInfo, type WorkflowFieldKind, type WorkflowRecordSource } from '@voyage/kernel';

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

const APPROVAL_PENDING: WorkflowFieldInfo = { key: 'approvalPending', kind: 'boolean', labels: localized('审批中', '審批中', 'Awaiting approval') };
const withApprovals = new WeakMap<WorkflowRecordSource, WorkflowRecordSource>();

/**
 * A record source as the engine reads it: every record kind also has `approvalPending` (an
 * approval request of this engine awaits a decision on it), so rules can hold back a second request.
 */
function engineSource(source: WorkflowRecordSource): WorkflowRecordSource {
  let extended = withApprovals.get(source);
  if (!extended) {
    // Qualified by the table's name: drizzle leaves the columns of a one-table query bare, and the subquery has its own.
    const table = `"${getTableName(source.table)}"`;
    const column = (c: { name: string }) => sql.raw(`${table}."${c.name}"`);
    const pending = sql<boolean>`exists (select 1 from approval_requests r where r.workspace_id = ${column(source.columns.workspaceId)} and r.object = ${source.object} and r.record_id = ${column(source.columns.id)} and r.status = 'pending')`;
    extended = {
      ...source,
      list: { ...source.list, fields: { approvalPending: { expr: pending, kind: 'boolean' }, ...source.list.fields } },
      fields: source.fields.some((f) => f.key === APPROVAL_PENDING.key) ? source.fields : [...source.fields, APPROVAL_PENDING],
    };
    withApprovals.set(source, extended);
  }
  return extended;
}

/** The record source of an object with the workspace's custom fields; null for an unknown object. */
export async function loadObjectFields(db: Queryable, workspaceId: string, object: string): Promise<ObjectFields | null> {
  const registered = workflowRecordSource(object);
  if (!registered) return null;
  const source = engineSource(registered);
  const defs = await loadCustomFieldDefs(db, workspaceId, object);
  const fields = new Map<string, WorkflowFieldInfo>(source.fields.map((f) => [f.key, f]));
  for (const def of defs) fields.set(`custom.${def.key}`, customFieldInfo(def));
  return { source, defs, fields };
}
