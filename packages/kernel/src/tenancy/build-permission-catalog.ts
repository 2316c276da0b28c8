import type { DataScope, FieldRule, ObjectAction } from '../context';
import { LOCALES, type Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import type { ModuleRegistry } from '../module-registry/registry';
import { CAPABILITIES } from './default-roles';
import './tenancy-errors';

type Labels = Record<Locale, string>;

export interface PermissionCatalog {
  objects: Array<{ key: string; module: string; labels: Labels; shareable: boolean; fields: Array<{ key: string; labels: Labels; sensitive: boolean }> }>;
  actions: Array<{ key: ObjectAction; labels: Labels }>;
  scopes: Array<{ key: DataScope; labels: Labels }>;
  fieldRules: FieldRule[];
  capabilities: Array<{ key: string; labels: Labels }>;
  objectsRestricted: boolean;
}

const ACTIONS: ObjectAction[] = ['create', 'read', 'update', 'delete', 'export'];
const SCOPES: DataScope[] = ['own', 'own_subordinates', 'department', 'department_tree', 'all'];

function labels(key: string): Labels {
  return Object.fromEntries(LOCALES.map((l) => [l, translate(l, key)])) as Labels;
}

/** Everything the role editor needs to draw its matrix, from the modules of this build. */
export function buildPermissionCatalog(registry: ModuleRegistry): PermissionCatalog {
  const objects = registry.all().flatMap((m) =>
    (m.objects ?? []).map((o) => ({
      key: o.key,
      module: m.key,
      labels: o.labels,
      shareable: Boolean(o.table),
      fields: (o.fields ?? []).map((f) => ({ key: f.key, labels: f.labels, sensitive: f.sensitive ?? false })),
    })),
  );
  return {
    objects,
    actions: ACTIONS.map((key) => ({ key, labels: labels(`action.${key}`) })),
    scopes: SCOPES.map((key) => ({ key, labels: labels(`scope.${key}`) })),
    fieldRules: ['hidden', 'masked', 'readonly'],
    capabilities: CAPABILITIES.map((key) => ({ key, labels: labels(`capability.${key}`) })),
    objectsRestricted: objects.length > 0,
  };
}
