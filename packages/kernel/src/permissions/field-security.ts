import type { Actor, FieldRule } from '../context';
import { AppError } from '../errors';

/** Masks a value the way Chinese CRMs do: 138****5678, z***@example.com. */
export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (typeof value === 'number') return '****';
  if (Array.isArray(value)) return value.map(maskValue);
  const text = String(value);
  const at = text.indexOf('@');
  if (at > 0) return `${text[0]}***${text.slice(at)}`;
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 7) {
    // Keep the first three and last four digits, like 138****5678.
    const head = text.slice(0, text.length - 8 >= 3 ? text.length - 8 : 3);
    return `${head}****${text.slice(-4)}`;
  }
  if (text.length <= 2) return `${text[0]}*`;
  return `${text[0]}${'*'.repeat(Math.min(text.length - 2, 6))}${text.slice(-1)}`;
}

export function fieldRule(actor: Actor, object: string, field: string): FieldRule | undefined {
  if (actor.role.isAdmin) return undefined;
  return actor.role.fieldRules[object]?.[field];
}

/**
 * Applies field-level security to records before they leave the server. Custom fields are
 * addressed as `custom.<key>`.
 */
export function applyFieldSecurity<T extends Record<string, unknown>>(actor: Actor, object: string, records: T[]): T[] {
  const rules = actor.role.isAdmin ? undefined : actor.role.fieldRules[object];
  if (!rules || Object.keys(rules).length === 0) return records;
  return records.map((record) => {
    const out: Record<string, unknown> = { ...record };
    const custom = out.custom && typeof out.custom === 'object' ? { ...(out.custom as Record<string, unknown>) } : undefined;
    for (const [field, rule] of Object.entries(rules)) {
      if (rule === 'readonly') continue;
      const isCustom = field.startsWith('custom.');
      const target = isCustom ? custom : out;
      const key = isCustom ? field.slice(7) : field;
      if (!target || !(key in target)) continue;
      if (rule === 'hidden') delete target[key];
      else target[key] = maskValue(target[key]);
    }
    if (custom) out.custom = custom;
    return out as T;
  });
}

/** Refuses a write that touches a field the actor may not change (hidden, masked or read-only). */
export function assertWritableFields(actor: Actor, object: string, input: Record<string, unknown>): void {
  const rules = actor.role.isAdmin ? undefined : actor.role.fieldRules[object];
  if (!rules) return;
  const touched = [...Object.keys(input).filter((k) => k !== 'custom'), ...Object.keys((input.custom as Record<string, unknown>) ?? {}).map((k) => `custom.${k}`)];
  const blocked = touched.filter((f) => rules[f]);
  if (blocked.length) throw new AppError('forbidden', { params: { action: `${object}.update(${blocked.join(', ')})` }, details: { fields: blocked.map((f) => ({ field: f, code: 'read_only', message: f })) } });
}
