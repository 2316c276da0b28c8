import type { z } from 'zod';
import type { ZAccount, ZAccountListResponse, ZContact, ZContactListResponse, ZCreateAccountRequest, ZCreateContactRequest, ZUpdateAccountRequest, ZUpdateContactRequest } from '@voyage/contracts';
import { api, type Query } from './client';

export type Contact = z.infer<typeof ZContact>;
export type Account = z.infer<typeof ZAccount>;
export type ContactPage = z.infer<typeof ZContactListResponse>;
export type AccountPage = z.infer<typeof ZAccountListResponse>;

export const contactsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<ContactPage>('/contacts', { query, signal }),
  get: (id: string) => api.get<Contact>(`/contacts/${id}`),
  create: (body: z.input<typeof ZCreateContactRequest>) => api.post<Contact>('/contacts', body),
  update: (id: string, body: z.input<typeof ZUpdateContactRequest>) => api.patch<Contact>(`/contacts/${id}`, body),
  remove: (id: string) => api.delete<void>(`/contacts/${id}`),
};

export const accountsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<AccountPage>('/accounts', { query, signal }),
  get: (id: string) => api.get<Account>(`/accounts/${id}`),
  create: (body: z.input<typeof ZCreateAccountRequest>) => api.post<Account>('/accounts', body),
  update: (id: string, body: z.input<typeof ZUpdateAccountRequest>) => api.patch<Account>(`/accounts/${id}`, body),
  remove: (id: string) => api.delete<void>(`/accounts/${id}`),
};
