import { and, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { TAccountGraphResponse, TGraphEdge, TGraphNode, TInfluence } from '@voyage/contracts';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import { accountContacts, contactReportsTo } from '../db/relationships';
import { accounts, contacts } from '../db/schema';
import { visibleContactFields } from './load-links';

/**
 * The decision chain around an account: its parent and direct subsidiaries, its contacts
 * with role, title and influence, and who reports to whom. Records in the trash are left
 * out. Records outside the actor's data scope stay in the graph as locked nodes carrying
 * only their role, so a rep sees that a decision maker exists without learning who it is.
 */
export async function getAccountGraph(ctx: Context, accountId: string): Promise<TAccountGraphResponse> {
  const accountScope = await scopedWhere(ctx, accounts, 'account');
  const contactScope = await scopedWhere(ctx, contacts, 'contact');
  const ws = ctx.workspaceId;
  const [center] = await ctx.db.select().from(accounts).where(and(accountScope, eq(accounts.id, accountId)));
  if (!center) throw notFound('account');

  const related = await ctx.db.select({ id: accounts.id, name: accounts.name, parentId: accounts.parentAccountId }).from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), sql`(${accounts.parentAccountId} = ${accountId} or ${accounts.id} = ${center.parentAccountId ?? null}::uuid) and ${accounts.id} <> ${accountId}`))
    .orderBy(accounts.name).limit(100);
  const stored = await ctx.db.select({ id: contacts.id, name: contacts.name, title: contacts.title, role: accountContacts.role, influence: accountContacts.influence, isPrimary: accountContacts.isPrimary })
    .from(accountContacts)
    .innerJoin(contacts, and(eq(contacts.workspaceId, ws), eq(contacts.id, accountContacts.contactId), isNull(contacts.deletedAt)))
    .where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.accountId, accountId))).limit(500);
  const implicit = await ctx.db.select({ id: contacts.id, name: contacts.name, title: contacts.title }).from(contacts)
    .where(and(eq(contacts.workspaceId, ws), eq(contacts.accountId, accountId), isNull(contacts.deletedAt),
      notExists(ctx.db.select({ one: accountContacts.contactId }).from(accountContacts).where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.accountId, accountId), eq(accountContacts.contactId, contacts.id)))))).limit(500);
  const people = [...implicit.map((c) => ({ ...c, role: null, influence: null, isPrimary: true })), ...stored];
  const lines = await ctx.db.select({ contactId: contactReportsTo.contactId, managerId: contactReportsTo.managerContactId }).from(contactReportsTo)
    .where(and(eq(contactReportsTo.workspaceId, ws), eq(contactReportsTo.accountId, accountId)));

  const visibleAccounts = new Set(related.length ? (await ctx.db.select({ id: accounts.id }).from(accounts).where(and(accountScope, inArray(accounts.id, related.map((a) => a.id))))).map((r) => r.id) : []);
  const visibleContacts = new Set(people.length ? (await ctx.db.select({ id: contacts.id }).from(contacts).where(and(contactScope, inArray(contacts.id, people.map((p) => p.id))))).map((r) => r.id) : []);

  // Locked nodes get opaque ids: a graph must not hand out ids of records the actor cannot open.
  let lockedCount = 0;
  const nodeIds = new Map<string, string>();
  const nodeId = (kind: 'account' | 'contact', id: string, visible: boolean) => {
    if (!nodeIds.has(id)) nodeIds.set(id, visible ? `${kind}:${id}` : `locked:${++lockedCount}`);
    return nodeIds.get(id)!;
  };
  const centerId = nodeId('account', accountId, true);
  const nodes: TGraphNode[] = [{ id: centerId, kind: 'account', recordId: accountId, locked: false, name: center.name, title: center.industry, role: null, influence: null, isPrimary: false, position: 'center' }];
  const edges: TGraphEdge[] = [];
  for (const a of related) {
    const visible = visibleAccounts.has(a.id);
    const id = nodeId('account', a.id, visible);
    const isParent = a.id === center.parentAccountId;
    nodes.push({ id, kind: 'account', recordId: visible ? a.id : null, locked: !visible, name: visible ? a.name : null, title: null, role: null, influence: null, isPrimary: false, position: isParent ? 'parent' : 'subsidiary' });
    edges.push(isParent ? { id: `parent:${id}`, source: id, target: centerId, kind: 'parent_of', role: null } : { id: `parent:${id}`, source: centerId, target: id, kind: 'parent_of', role: null });
  }
  for (const p of people) {
    const visible = visibleContacts.has(p.id);
    const id = nodeId('contact', p.id, visible);
    const fields = visible ? visibleContactFields(ctx, p) : { name: null, title: null };
    nodes.push({ id, kind: 'contact', recordId: visible ? p.id : null, locked: !visible, ...fields, role: p.role, influence: p.influence as TInfluence | null, isPrimary: p.isPrimary, position: 'member' });
    edges.push({ id: `works:${id}`, source: id, target: centerId, kind: 'works_at', role: p.role });
  }
  for (const l of lines) {
    if (!nodeIds.has(l.contactId) || !nodeIds.has(l.managerId)) continue;
    edges.push({ id: `reports:${nodeIds.get(l.contactId)}`, source: nodeIds.get(l.contactId)!, target: nodeIds.get(l.managerId)!, kind: 'reports_to', role: null });
  }
  return { nodes, edges };
}
