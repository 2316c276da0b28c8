import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ListSpec } from '@voyage/kernel';
import { CUSTOMER_EVENTS } from '@voyage/contracts';
import { accounts, contacts } from './db/schema';

/** Both tables share these columns, which is all the shared record code touches. */
export type CustomerTable = typeof accounts | typeof contacts;

/**
 * What differs between accounts and contacts. Every use case and route is written once
 * against this description.
 */
export interface RecordKind {
  object: 'account' | 'contact';
  /** Path segment: `/api/v1/contacts`. API-key scopes use the object key: `contact:read`. */
  plural: 'accounts' | 'contacts';
  table: CustomerTable;
  /** Built-in fields a request may set (besides `custom`). */
  writable: readonly string[];
  /** Fields holding ids of accounts, checked to exist in the workspace. */
  accountLinks: readonly string[];
  events: { created: string; updated: string; deleted: string; restored: string; merged: string };
  list: ListSpec;
}

const recordListFields = <T extends CustomerTable>(t: T) => ({
  id: { column: t.id, kind: 'uuid' as const },
  name: { column: t.name, kind: 'text' as const },
  ownerId: { column: t.ownerId, kind: 'uuid' as const },
  tags: { column: t.tags, kind: 'text_array' as const },
  lifecycleStage: { column: t.lifecycleStage, kind: 'text' as const },
  version: { column: t.version, kind: 'number' as const },
  createdAt: { column: t.createdAt, kind: 'datetime' as const },
  updatedAt: { column: t.updatedAt, kind: 'datetime' as const },
  createdBy: { column: t.createdBy, kind: 'uuid' as const },
  updatedBy: { column: t.updatedBy, kind: 'uuid' as const },
  deletedAt: { column: t.deletedAt, kind: 'datetime' as const },
  lastFollowUpAt: { column: t.lastFollowUpAt, kind: 'datetime' as const },
  followUpCount: { column: t.followUpCount, kind: 'number' as const },
  nextContactAt: { column: t.nextContactAt, kind: 'datetime' as const },
  lastFollowUpSummary: { column: t.lastFollowUpSummary, kind: 'text' as const },
});

export const accountKind: RecordKind = {
  object: 'account',
  plural: 'accounts',
  table: accounts,
  writable: ['name', 'legalName', 'industry', 'region', 'size', 'website', 'phone', 'ownerId', 'parentAccountId', 'tags', 'lifecycleStage'],
  accountLinks: ['parentAccountId'],
  events: { created: CUSTOMER_EVENTS.accountCreated, updated: CUSTOMER_EVENTS.accountUpdated, deleted: CUSTOMER_EVENTS.accountDeleted, restored: CUSTOMER_EVENTS.accountRestored, merged: CUSTOMER_EVENTS.accountMerged },
  list: {
    id: accounts.id,
    custom: accounts.custom,
    defaultSort: '-updatedAt',
    fields: {
      ...recordListFields(accounts),
      legalName: { column: accounts.legalName, kind: 'text' },
      industry: { column: accounts.industry, kind: 'text' },
      region: { column: accounts.region, kind: 'text' },
      size: { column: accounts.size, kind: 'text' },
      website: { column: accounts.website, kind: 'text' },
      phone: { column: accounts.phone, kind: 'text' },
      parentAccountId: { column: accounts.parentAccountId, kind: 'uuid' },
    },
  },
};

export const contactKind: RecordKind = {
  object: 'contact',
  plural: 'contacts',
  table: contacts,
  writable: ['name', 'email', 'phone', 'mobile', 'title', 'accountId', 'ownerId', 'tags', 'lifecycleStage'],
  accountLinks: ['accountId'],
  events: { created: CUSTOMER_EVENTS.contactCreated, updated: CUSTOMER_EVENTS.contactUpdated, deleted: CUSTOMER_EVENTS.contactDeleted, restored: CUSTOMER_EVENTS.contactRestored, merged: CUSTOMER_EVENTS.contactMerged },
  list: {
    id: contacts.id,
    custom: contacts.custom,
    defaultSort: '-updatedAt',
    fields: {
      ...recordListFields(contacts),
      email: { column: contacts.email, kind: 'text' },
      phone: { column: contacts.phone, kind: 'text' },
      mobile: { column: contacts.mobile, kind: 'text' },
      title: { column: contacts.title, kind: 'text' },
      accountId: { column: contacts.accountId, kind: 'uuid' },
    },
  },
};

/**
 * Columns derived for search and duplicate checks. They never leave the server: an E.164
 * copy of a phone would bypass the field rule that masks the phone itself.
 */
export const DERIVED_COLUMNS: ReadonlySet<string> = new Set(['phoneE164', 'mobileE164', 'nameKey', 'searchName', 'searchGrams', 'phoneDigits']);

/** The columns a record read selects: everything but the internal ones. */
export function publicColumns(table: CustomerTable): Record<string, PgColumn> {
  return Object.fromEntries(Object.entries(getTableColumns(table)).filter(([key]) => !DERIVED_COLUMNS.has(key)));
}

/** A stored row as it leaves the server: dates as ISO strings, no workspace id or internal columns. */
export function toWire(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'workspaceId' || DERIVED_COLUMNS.has(key)) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
