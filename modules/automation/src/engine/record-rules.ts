import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TWorkflowRuleGroup } from '@voyage/contracts';
import { compileRuleGroup, type Actor, type Locale, type Queryable, type RuleGroup } from '@voyage/kernel';
import { loadObjectFields } from './record-fields';
import { loadRecordOwner, type RecordOwner } from './record-owner';

/**
 * Which of `ids` (live records of `object`) match a rule group, evaluated in the database with
 * the segments' rule builder, so conditions see the record as it is now.
 */
export async function recordsMatching(db: Queryable, workspaceId: string, object: string, ids: string[], rules: TWorkflowRuleGroup | undefined, options: { locale: Locale; actor?: Actor }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const fields = await loadObjectFields(db, workspaceId, object);
  if (!fields) return new Set();
  const { source, defs } = fields;
  const where = rules && rules.rules.length > 0 ? compileRuleGroup(source.list, rules as RuleGroup, { defs, locale: options.locale, actor: options.actor, object }) : sql`true`;
  const rows = (await db
    .select({ id: source.columns.id })
    .from(source.table)
    .where(and(eq(source.columns.workspaceId, workspaceId), sql`${source.columns.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`, source.columns.deletedAt ? isNull(source.columns.deletedAt) : undefined, where))) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}

type MergeScope = { record: Record<string, unknown> | null; trigger: Record<string, unknown>; steps: Record<string, Record<string, unknown>> };

const OWNER_FIELD = /\{\{\s*owner\./;

/** The record owner of a scope (a step's record), loaded once however many texts of the step name it. */
const owners = new WeakMap<MergeScope, Promise<RecordOwner | null>>();

/**
 * Replaces `{{path}}` with values of the record (`{{name}}`, `{{record.name}}`), its owner
 * (`{{owner.name}}`, `{{owner.email}}`, read only when a text names them), the trigger
 * (`{{trigger.x}}`) and earlier steps (`{{steps.<node>.<key>}}`). Unknown paths become empty.
 */
export async function mergeText(text: string, scope: MergeScope, db: Queryable): Promise<string> {
  let owner: RecordOwner | null = null;
  if (OWNER_FIELD.test(text)) {
    let loading = owners.get(scope);
    if (!loading) owners.set(scope, (loading = loadRecordOwner(db, scope.record)));
    owner = await loading;
  }
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
    const value = path.startsWith('owner.') ? owner?.[path.slice('owner.'.length) as keyof RecordOwner] : lookup(path, scope);
    return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

function lookup(path: string, scope: MergeScope): unknown {
  const record = scope.record ?? {};
  // Record values are flat (`custom.budget` is one key), so the whole path is tried first.
  if (path in record) return record[path];
  const [head, ...rest] = path.split('.');
  const tail = rest.join('.');
  if (head === 'record') return record[tail];
  if (head === 'trigger') return dig(scope.trigger, rest);
  if (head === 'steps') return dig(scope.steps, rest);
  return undefined;
}

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
