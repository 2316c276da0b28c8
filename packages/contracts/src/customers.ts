import { z } from 'zod';
import { ZCustomValues, zBatchRequest, zBatchResponse, zListResponse } from './records';

export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'advocate', 'churned'] as const;
export const ZLifecycleStage = z.enum(LIFECYCLE_STAGES);

const ZTags = z.array(z.string().min(1).max(50)).max(50);
const text = (max: number) => z.string().max(max);

const recordMeta = {
  id: z.string(),
  ownerId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Set on a record merged into another (it is then in the trash and cannot be restored). */
  mergedIntoId: z.string().nullable(),
  // Kept by follow-up writes (read-only).
  lastFollowUpAt: z.string().nullable(),
  lastFollowUpSummary: z.string().nullable(),
  followUpCount: z.number(),
  nextContactAt: z.string().nullable(),
};

/** An account (company). Sparse fieldsets and field security may leave fields out. */
export const ZAccount = z.object({
  ...recordMeta,
  name: z.string(),
  legalName: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  size: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  parentAccountId: z.string().nullable(),
  tags: z.array(z.string()),
  lifecycleStage: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
}).partial();
export type TAccount = z.infer<typeof ZAccount>;

const accountInput = {
  name: text(200).min(1),
  legalName: text(200).nullable(),
  industry: text(100).nullable(),
  region: text(100).nullable(),
  size: text(50).nullable(),
  website: text(500).nullable(),
  phone: text(50).nullable(),
  ownerId: z.uuid().nullable(),
  parentAccountId: z.uuid().nullable(),
  tags: ZTags,
  lifecycleStage: ZLifecycleStage.nullable(),
  custom: ZCustomValues,
};

export const ZCreateAccountRequest = z.object(accountInput).partial().required({ name: true }).strict();
export type TCreateAccountRequest = z.infer<typeof ZCreateAccountRequest>;
export const ZUpdateAccountRequest = z.object(accountInput).partial().extend({ version: z.number().int().min(1) }).strict();
export type TUpdateAccountRequest = z.infer<typeof ZUpdateAccountRequest>;
export const ZAccountListResponse = zListResponse(ZAccount);
export const ZAccountBatchRequest = zBatchRequest(ZCreateAccountRequest, ZUpdateAccountRequest.extend({ id: z.uuid() }));
export const ZAccountBatchResponse = zBatchResponse(ZAccount);

/** A contact (person); `accountId` is null for a B2C customer. */
export const ZContact = z.object({
  ...recordMeta,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  title: z.string().nullable(),
  accountId: z.string().nullable(),
  tags: z.array(z.string()),
  lifecycleStage: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
}).partial();
export type TContact = z.infer<typeof ZContact>;

const contactInput = {
  name: text(200).min(1),
  email: z.email().max(254).nullable(),
  phone: text(50).nullable(),
  mobile: text(50).nullable(),
  title: text(100).nullable(),
  accountId: z.uuid().nullable(),
  ownerId: z.uuid().nullable(),
  tags: ZTags,
  lifecycleStage: ZLifecycleStage.nullable(),
  custom: ZCustomValues,
};

export const ZCreateContactRequest = z.object(contactInput).partial().required({ name: true }).strict();
export type TCreateContactRequest = z.infer<typeof ZCreateContactRequest>;
export const ZUpdateContactRequest = z.object(contactInput).partial().extend({ version: z.number().int().min(1) }).strict();
export type TUpdateContactRequest = z.infer<typeof ZUpdateContactRequest>;
export const ZContactListResponse = zListResponse(ZContact);
export const ZContactBatchRequest = zBatchRequest(ZCreateContactRequest, ZUpdateContactRequest.extend({ id: z.uuid() }));
export const ZContactBatchResponse = zBatchResponse(ZContact);

/** Domain events of the customers module. */
export const CUSTOMER_EVENTS = {
  accountCreated: 'customers.account.created',
  accountUpdated: 'customers.account.updated',
  accountDeleted: 'customers.account.deleted',
  accountRestored: 'customers.account.restored',
  contactCreated: 'customers.contact.created',
  contactUpdated: 'customers.contact.updated',
  contactDeleted: 'customers.contact.deleted',
  contactRestored: 'customers.contact.restored',
  /** `{ object, survivorId, mergedId, mergeId }`: modules holding rows of the merged record move them to the survivor. */
  accountMerged: 'customers.account.merged',
  contactMerged: 'customers.contact.merged',
} as const;

export const ZCustomerRecordEvent = z.object({ id: z.string(), object: z.enum(['account', 'contact']), ownerId: z.string().nullable(), changes: z.record(z.string(), z.unknown()).optional(), previous: z.record(z.string(), z.unknown()).optional() });

/** Record types global search covers; later modules add theirs. */
export const SEARCH_TYPES = ['contact', 'account'] as const;
export const ZSearchType = z.enum(SEARCH_TYPES);

/**
 * `GET /api/v1/search?q=小明&types=contact,account&limit=10`. Names and companies match on
 * any run of 2+ characters, contacts also on an email prefix, both on 3+ digits of a phone.
 * Queries under two characters find nothing.
 */

const duplicateCheckBase = {
  excludeId: z.uuid().optional().describe('The record being edited, which is not its own duplicate'),
};

/** What the contact form holds so far: `POST /api/v1/contacts/duplicates/check`. */
export const ZContactDuplicateCheckRequest = z.object({
  ...duplicateCheckBase,
  name: text(200).optional(),
  email: text(254).optional(),
  phone: text(50).optional(),
  mobile: text(50).optional(),
  accountId: z.uuid().optional().describe('The company chosen in the form'),
  accountName: text(200).optional().describe('The company typed in the form'),
}).strict();
export type TContactDuplicateCheckRequest = z.infer<typeof ZContactDuplicateCheckRequest>;

/** What the account form holds so far: `POST /api/v1/accounts/duplicates/check`. */
export const ZAccountDuplicateCheckRequest = z.object({
  ...duplicateCheckBase,
  name: text(200).optional(),
  phone: text(50).optional(),
}).strict();
export type TAccountDuplicateCheckRequest = z.infer<typeof ZAccountDuplicateCheckRequest>;

export const DUPLICATE_REASONS = ['email', 'phone', 'name_company', 'name'] as const;

/**
 * A likely duplicate. A record outside the actor's data scope still warns, without details:
 * `id` is null, `title` says it is not accessible, and `ownerName` says whom to ask.
 */
export const ZDuplicateMatch = z.object({
  id: z.string().nullable(),
  title: z.string(),
  accessible: z.boolean(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  score: z.number().describe('0–1; 1 for an exact email or phone'),
  ownerName: z.string().nullable(),
});
export type TDuplicateMatch = z.infer<typeof ZDuplicateMatch>;

export const ZDuplicateCheckResponse = z.object({ matches: z.array(ZDuplicateMatch) });
export type TDuplicateCheckResponse = z.infer<typeof ZDuplicateCheckResponse>;
