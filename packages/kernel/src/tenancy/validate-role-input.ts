import type { Locale } from '../i18n/locales';
import type { RoleSnapshot } from '../context';
import { validationError, type FieldIssue } from '../errors';
import type { ModuleRegistry } from '../module-registry/registry';
import { CAPABILITIES } from './default-roles';
import { fieldIssue } from './field-issue';

export interface RoleRightsInput {
  permissions?: RoleSnapshot['permissions'];
  fieldRules?: RoleSnapshot['fieldRules'];
  capabilities?: string[];
}

/**
 * Checks object keys against the objects modules register, field keys against the object's
 * declared fields (custom fields as `custom.<key>` are always accepted), and capabilities
 * against CAPABILITIES. While no module registers objects, any lower-case object key passes
 * (the contract's pattern), so roles can be prepared before the modules arrive.
 */
export function validateRoleInput(locale: Locale, registry: ModuleRegistry, input: RoleRightsInput): void {
  const objects = new Map(registry.all().flatMap((m) => m.objects ?? []).map((o) => [o.key, o]));
  const restricted = objects.size > 0;
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(input.permissions ?? {})) {
    if (restricted && !objects.has(key)) issues.push(fieldIssue(locale, `permissions.${key}`, 'unknown'));
  }
  for (const [key, rules] of Object.entries(input.fieldRules ?? {})) {
    const object = objects.get(key);
    if (restricted && !object) {
      issues.push(fieldIssue(locale, `fieldRules.${key}`, 'unknown'));
      continue;
    }
    const declared = object?.fields?.length ? new Set(object.fields.map((f) => f.key)) : null;
    for (const field of Object.keys(rules)) {
      if (declared && !field.startsWith('custom.') && !declared.has(field)) issues.push(fieldIssue(locale, `fieldRules.${key}.${field}`, 'unknown'));
    }
  }
  const known = new Set<string>(CAPABILITIES);
  (input.capabilities ?? []).forEach((capability, i) => {
    if (!known.has(capability)) issues.push(fieldIssue(locale, `capabilities.${i}`, 'invalid_option', { options: CAPABILITIES.join(', ') }));
  });
  if (issues.length) throw validationError(issues);
}
