import { z } from 'zod';

/** Built-in roles of a contact at an account; workspaces add their own keys. */
export const BUILTIN_CONTACT_ROLES = ['decision_maker', 'economic_buyer', 'champion', 'influencer', 'user', 'gatekeeper'] as const;
export const INFLUENCE_LEVELS = ['high', 'medium', 'low'] as const;
export const ZInfluence = z.enum(INFLUENCE_LEVELS);
export type TInfluence = z.infer<typeof ZInfluence>;

const ZRoleKey = z.string().min(1).max(50).regex(/^[a-z][a-z0-9_]*$/);
const ZLabels = z.object({ 'zh-CN': z.string().min(1).max(50), 'zh-TW': z.string().min(1).max(50), en: z.string().min(1).max(50) }).strict();

export const ZContactRole = z.object({ key: z.string(), builtIn: z.boolean(), labels: z.record(z.string(), z.string()), color: z.string().nullable() });
export type TContactRole = z.infer<typeof ZContactRole>;
export const ZContactRoleListResponse = z.object({ data: z.array(ZContactRole) });
export type TContactRoleListResponse = z.infer<typeof ZContactRoleListResponse>;
export const ZCreateContactRoleRequest = z.object({ key: ZRoleKey, labels: ZLabels, color: z.string().regex(/^#[0-9a-fA-F]{6}$/).nullable().optional() }).strict();
export type TCreateContactRoleRequest = z.infer<typeof ZCreateContactRoleRequest>;

const ZLinkEnd = z.object({ id: z.string(), name: z.string().nullable(), title: z.string().nullable().optional() });

/** A contact's link to an account, seen from either end. */
export const ZAccountContactLink = z.object({
  accountId: z.string(),
  contactId: z.string(),
  role: z.string().nullable(),
  influence: ZInfluence.nullable(),
  isPrimary: z.boolean(),
  reportsToId: z.string().nullable(),
  version: z.number(),
  account: ZLinkEnd,
  contact: ZLinkEnd,
});
export type TAccountContactLink = z.infer<typeof ZAccountContactLink>;
export const ZAccountContactLinkListResponse = z.object({ data: z.array(ZAccountContactLink) });
export type TAccountContactLinkListResponse = z.infer<typeof ZAccountContactLinkListResponse>;

const linkFields = {
  role: ZRoleKey.nullable().optional(),
  influence: ZInfluence.nullable().optional(),
  isPrimary: z.boolean().optional(),
  /** Another contact linked to the same account; null clears the reporting line. */
  reportsToId: z.uuid().nullable().optional(),
};
export const ZCreateAccountContactRequest = z.object({ contactId: z.uuid(), ...linkFields }).strict();
export const ZCreateContactAccountRequest = z.object({ accountId: z.uuid(), ...linkFields }).strict();
export const ZUpdateLinkRequest = z.object(linkFields).strict();
export type TCreateAccountContactRequest = z.infer<typeof ZCreateAccountContactRequest>;
export type TCreateContactAccountRequest = z.infer<typeof ZCreateContactAccountRequest>;
export type TUpdateLinkRequest = z.infer<typeof ZUpdateLinkRequest>;
export const ZLinkParams = z.object({ id: z.uuid(), otherId: z.uuid() }).strict();

/** An account in a hierarchy; accounts outside the actor's data scope are locked (no name). */
export const ZHierarchyAccount = z.object({ id: z.string(), name: z.string().nullable(), locked: z.boolean(), parentId: z.string().nullable(), depth: z.number() });
export const ZAccountHierarchyResponse = z.object({
  /** From the root down to the account's parent. */
  ancestors: z.array(ZHierarchyAccount),
  account: ZHierarchyAccount,
  siblings: z.array(ZHierarchyAccount),
  /** Every subsidiary below the account (depth 1 = direct), up to the depth cap. */
  descendants: z.array(ZHierarchyAccount),
  truncated: z.boolean(),
});
export type TAccountHierarchyResponse = z.infer<typeof ZAccountHierarchyResponse>;
export type THierarchyAccount = z.infer<typeof ZHierarchyAccount>;

export const ZGraphNode = z.object({
  id: z.string(),
  kind: z.enum(['account', 'contact']),
  /** The record id; null on a locked node (a record the actor may not see). */
  recordId: z.string().nullable(),
  locked: z.boolean(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  role: z.string().nullable(),
  influence: ZInfluence.nullable(),
  isPrimary: z.boolean(),
  /** center, parent, subsidiary for accounts. */
  position: z.enum(['center', 'parent', 'subsidiary', 'member']),
});
export const ZGraphEdge = z.object({ id: z.string(), source: z.string(), target: z.string(), kind: z.enum(['works_at', 'reports_to', 'parent_of']), role: z.string().nullable() });
export const ZAccountGraphResponse = z.object({ nodes: z.array(ZGraphNode), edges: z.array(ZGraphEdge) });
export type TGraphNode = z.infer<typeof ZGraphNode>;
export type TGraphEdge = z.infer<typeof ZGraphEdge>;
export type TAccountGraphResponse = z.infer<typeof ZAccountGraphResponse>;
