import type { TCreateLeadRequest } from '@voyage/contracts';
import { assertCan, assertWritableFields, newId, runInTransaction, validationError, writeAudit, type Context, type FieldIssue } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';
import { assignLeadOwners } from './apply-lead-assignment';
import { checkLeadCustom, checkLeadOwners } from './check-lead-input';
import { emitLeadEvents } from './lead-events';
import { leadToWire } from './lead-wire';
import { normalizeLeadContact, phoneRegionOf } from './normalize-lead';
import './lead-messages';

export interface CreateLeadsOptions {
  /** The import the rows come from (its undo trashes them). */
  importId?: string;
  /** Error path of row i ('' for a single create). */
  pathOf?: (index: number) => string;
}

/**
 * Creates leads in one insert. A lead without `ownerId` goes through the assignment rules
 * (no rule matching: the pool); `ownerId: null` puts it in the pool directly.
 */
export async function createLeads(ctx: Context, inputs: TCreateLeadRequest[], options: CreateLeadsOptions = {}): Promise<LeadRow[]> {
  assertCan(ctx.actor, 'lead', 'create');
  for (const input of inputs) assertWritableFields(ctx.actor, 'lead', input);
  if (inputs.length === 0) return [];
  const pathOf = options.pathOf ?? (() => '');
  return runInTransaction(ctx, async (tx) => {
    const region = await phoneRegionOf(tx.db, tx.workspaceId);
    const issues: FieldIssue[] = [];
    const normalized = inputs.map((input, i) => {
      const n = normalizeLeadContact(tx, input, region, pathOf(i));
      issues.push(...n.issues);
      return n.values;
    });
    if (issues.length) throw validationError(issues);
    await checkLeadOwners(tx, inputs.map((i) => i.ownerId));
    const custom = await checkLeadCustom(tx, inputs, 'create');
    const unowned = inputs.map((input, i) => ({ input, i })).filter(({ input }) => input.ownerId === undefined);
    const ruled = await assignLeadOwners(tx, unowned.map(({ input }) => input));
    const ownerOf = new Map(unowned.map(({ i }, j) => [i, ruled[j]]));
    const now = new Date();
    const values = inputs.map((input, i) => ({
      workspaceId: tx.workspaceId, id: newId(), name: input.name, company: input.company ?? null, title: input.title ?? null,
      email: normalized[i].email ?? null, phone: input.phone?.trim() || null, mobile: input.mobile?.trim() || null,
      phoneE164: normalized[i].phoneE164 ?? null, mobileE164: normalized[i].mobileE164 ?? null,
      region: input.region ?? null, industry: input.industry ?? null, size: input.size ?? null, source: input.source ?? 'other', channel: input.channel ?? null,
      status: input.status ?? 'new', ownerId: ownerOf.has(i) ? ownerOf.get(i)! : (input.ownerId ?? null), importId: options.importId ?? null,
      custom: custom[i], createdAt: now, updatedAt: now, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }));
    const rows = await tx.db.insert(leads).values(values).returning();
    await writeAudit(tx.db, rows.map((r) => ({
      workspaceId: tx.workspaceId, action: 'create', object: 'lead', recordId: r.id, summary: r.name, newValues: leadToWire(r),
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip,
    })));
    await emitLeadEvents(tx, 'created', rows);
    return rows;
  });
}

/** Creates one lead; see createLeads. */
export async function createLead(ctx: Context, input: TCreateLeadRequest): Promise<LeadRow> {
  const [row] = await createLeads(ctx, [input]);
  return row;
}
