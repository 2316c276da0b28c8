import type { CustomField } from '../../../api/platform';
import { localized } from '../../../i18n';
import type { CustomerObject, ObjectConfig } from '../record-config';

/** A column the table can show after the name. */
export interface ColumnDef {
  key: string;
  /** i18n key of a built-in column, or the custom field's label. */
  labelKey?: string;
  label?: string;
  width: number;
  sortable: boolean;
  custom?: CustomField;
}

/** Custom fields shown by default, after the object's default built-in columns. */
const DEFAULT_CUSTOM_COLUMNS = 3;

const OBJECT_COLUMNS: Record<CustomerObject, string[]> = {
  contact: ['title', 'email', 'mobile', 'phone', 'accountId'],
  account: ['legalName', 'industry', 'region', 'size', 'website', 'phone', 'parentAccountId'],
};
const COMMON_COLUMNS = ['ownerId', 'lifecycleStage', 'tags', 'lastFollowUpAt', 'lastFollowUpSummary', 'nextContactAt', 'followUpCount', 'createdAt', 'updatedAt'];
/** Labels not in the shared `customers.fields` catalogue. */
const OWN_LABELS = new Set(['lastFollowUpAt', 'lastFollowUpSummary', 'nextContactAt', 'followUpCount', 'deletedAt']);
const WIDTHS: Record<string, number> = { email: 220, tags: 200, lastFollowUpSummary: 240, website: 200, accountId: 180, parentAccountId: 180, followUpCount: 110 };
export const DATE_COLUMNS = new Set(['createdAt', 'updatedAt', 'lastFollowUpAt', 'nextContactAt', 'deletedAt']);

function builtIn(key: string): ColumnDef {
  return {
    key,
    labelKey: OWN_LABELS.has(key) ? `customerList.fields.${key}` : `customers.fields.${key}`,
    width: WIDTHS[key] ?? (DATE_COLUMNS.has(key) ? 160 : 150),
    sortable: key !== 'tags',
  };
}

/** Every column of an object, built-in then custom fields, keyed as the list API names them. */
export function columnCatalogue(object: CustomerObject, customFields: CustomField[]): ColumnDef[] {
  return [
    ...[...OBJECT_COLUMNS[object], ...COMMON_COLUMNS, 'deletedAt'].map(builtIn),
    ...customFields.map((f) => ({ key: `custom.${f.key}`, label: localized(f.labels, f.label), width: 160, sortable: f.type !== 'multi_select', custom: f })),
  ];
}

/** The columns shown when nothing was chosen: the object's usual ones and its first custom fields. */
export function defaultColumns(config: ObjectConfig, customFields: CustomField[]): string[] {
  return [...config.columns, ...customFields.slice(0, DEFAULT_CUSTOM_COLUMNS).map((f) => `custom.${f.key}`)];
}

/** The chosen columns that still exist (a custom field may have been deleted), in order. */
export function visibleColumns(catalogue: ColumnDef[], chosen: string[]): ColumnDef[] {
  const byKey = new Map(catalogue.map((c) => [c.key, c]));
  return chosen.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
}
