import type { Query } from '../../api/client';
import { accountsApi, contactsApi } from '../../api/customers';

export type CustomerObject = 'contact' | 'account';

export interface FormFieldSpec {
  key: string;
  kind: 'text' | 'email' | 'url' | 'tel' | 'account' | 'owner' | 'tags' | 'lifecycle';
  required?: boolean;
}

export interface RecordRow {
  id?: string;
  name?: string;
  ownerId?: string | null;
  tags?: string[];
  version?: number;
  updatedAt?: string;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ObjectConfig {
  object: CustomerObject;
  titleKey: string;
  newKey: string;
  /** Built-in columns of the table, after the name. */
  columns: string[];
  form: FormFieldSpec[];
  api: {
    list: (query: Query, signal?: AbortSignal) => Promise<{ data: RecordRow[]; nextCursor: string | null }>;
    get: (id: string) => Promise<RecordRow>;
    create: (body: Record<string, unknown>) => Promise<RecordRow>;
    update: (id: string, body: Record<string, unknown>) => Promise<RecordRow>;
    remove: (id: string) => Promise<void>;
  };
}

type AnyApi = ObjectConfig['api'];

export const CONTACT_CONFIG: ObjectConfig = {
  object: 'contact',
  titleKey: 'customers.contacts',
  newKey: 'customers.newContact',
  columns: ['title', 'email', 'mobile', 'tags', 'updatedAt'],
  form: [
    { key: 'name', kind: 'text', required: true },
    { key: 'title', kind: 'text' },
    { key: 'email', kind: 'email' },
    { key: 'mobile', kind: 'tel' },
    { key: 'phone', kind: 'tel' },
    { key: 'accountId', kind: 'account' },
    { key: 'ownerId', kind: 'owner' },
    { key: 'lifecycleStage', kind: 'lifecycle' },
    { key: 'tags', kind: 'tags' },
  ],
  api: contactsApi as unknown as AnyApi,
};

export const ACCOUNT_CONFIG: ObjectConfig = {
  object: 'account',
  titleKey: 'customers.accounts',
  newKey: 'customers.newAccount',
  columns: ['industry', 'region', 'phone', 'tags', 'updatedAt'],
  form: [
    { key: 'name', kind: 'text', required: true },
    { key: 'legalName', kind: 'text' },
    { key: 'industry', kind: 'text' },
    { key: 'region', kind: 'text' },
    { key: 'size', kind: 'text' },
    { key: 'website', kind: 'url' },
    { key: 'phone', kind: 'tel' },
    { key: 'parentAccountId', kind: 'account' },
    { key: 'ownerId', kind: 'owner' },
    { key: 'lifecycleStage', kind: 'lifecycle' },
    { key: 'tags', kind: 'tags' },
  ],
  api: accountsApi as unknown as AnyApi,
};
