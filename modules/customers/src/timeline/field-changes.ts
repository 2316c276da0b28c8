export interface FieldChange {
  /** A built-in field (`title`) or a custom one (`custom.budget`), as field rules name them. */
  field: string;
  old: unknown;
  new: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changed fields of an update event, custom values one by one. */
export function fieldChanges(previous: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(next)) {
    if (field === 'custom') {
      const before = (previous.custom ?? {}) as Record<string, unknown>;
      const after = (next.custom ?? {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (!same(before[key], after[key])) out.push({ field: `custom.${key}`, old: before[key] ?? null, new: after[key] ?? null });
      }
    } else if (!same(previous[field], next[field])) {
      out.push({ field, old: previous[field] ?? null, new: next[field] ?? null });
    }
  }
  return out;
}
