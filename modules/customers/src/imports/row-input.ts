import type { CustomFieldDef } from '@voyage/kernel';

export interface RowInput {
  /** Fields as the create/update use cases take them (accountId and ownerId filled later). */
  input: Record<string, unknown>;
  /** The company name of an `account` column, resolved to accountId in batch. */
  accountName?: string;
  /** The email or name of an `owner` column, resolved to ownerId in batch. */
  owner?: string;
}

const LIST_SEPARATORS = /[,;，；、|]/;
const TRUE = new Set(['1', 'true', 'yes', 'y', '是', '对', '對', 'x', '✓']);
const FALSE = new Set(['0', 'false', 'no', 'n', '否', '不是']);

/**
 * One spreadsheet row as record input. Empty cells are left out, so an update never clears
 * a field. Cells of custom fields become their stored type; what cannot be read stays text
 * so the shared validation refuses it with the usual message.
 */
export function rowInput(cells: string[], mapping: Array<string | null>, defs: Map<string, CustomFieldDef>, defaultTags: string[]): RowInput {
  const input: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const out: RowInput = { input };
  mapping.forEach((field, i) => {
    const text = (cells[i] ?? '').trim();
    if (!field || text === '') return;
    if (field === 'account') out.accountName = text;
    else if (field === 'owner') out.owner = text;
    else if (field === 'tags') input.tags = splitList(text);
    else if (field.startsWith('custom.')) {
      const def = defs.get(field.slice(7));
      if (def) custom[def.key] = customValue(text, def);
    } else input[field] = text;
  });
  if (defaultTags.length) input.tags = [...new Set([...((input.tags as string[] | undefined) ?? []), ...defaultTags])];
  if (Object.keys(custom).length) input.custom = custom;
  return out;
}

export function splitList(text: string): string[] {
  return [...new Set(text.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean))];
}

function option(text: string, def: CustomFieldDef): string {
  const lower = text.toLowerCase();
  const found = def.options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower || Object.values(o.labels ?? {}).some((l) => l.toLowerCase() === lower));
  return found?.value ?? text;
}

function customValue(text: string, def: CustomFieldDef): unknown {
  switch (def.type) {
    case 'number': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) ? n : text;
    }
    case 'currency': {
      const n = Number(text.replace(/[,¥￥$\s]/g, ''));
      return Number.isFinite(n) ? { amount: Math.round(n * 100) } : text;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return text;
    }
    case 'single_select':
      return option(text, def);
    case 'multi_select':
      return splitList(text).map((t) => option(t, def));
    default:
      return text;
  }
}
