import type { contacts } from '../db/schema';
import { accountKind, contactKind, type RecordKind } from '../record-kinds';

/** Accounts and contacts share every column ownership code touches; queries are typed against one. */
export type OwnedTable = typeof contacts;

export const kindOf = (object: 'contact' | 'account'): RecordKind => (object === 'contact' ? contactKind : accountKind);
export const tableOf = (kind: RecordKind): OwnedTable => kind.table as OwnedTable;
export const OWNED_KINDS: readonly RecordKind[] = [contactKind, accountKind];
