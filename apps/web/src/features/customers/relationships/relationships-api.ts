import type { z } from 'zod';
import type {
  TAccountContactLink, TAccountContactLinkListResponse, TAccountGraphResponse, TAccountHierarchyResponse, TContactRole, TContactRoleListResponse,
  ZCreateContactRoleRequest, ZUpdateLinkRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject } from '../record-config';

export type { TAccountContactLink, TAccountGraphResponse, TAccountHierarchyResponse, TContactRole };
export type LinkFields = z.input<typeof ZUpdateLinkRequest>;

const plural = (o: CustomerObject) => (o === 'account' ? 'accounts' : 'contacts');
const otherPlural = (o: CustomerObject) => (o === 'account' ? 'contacts' : 'accounts');

export const relationshipsApi = {
  roles: () => api.get<TContactRoleListResponse>('/contact-roles'),
  createRole: (body: z.input<typeof ZCreateContactRoleRequest>) => api.post<TContactRole>('/contact-roles', body),
  links: (object: CustomerObject, id: string) => api.get<TAccountContactLinkListResponse>(`/${plural(object)}/${id}/${otherPlural(object)}`),
  link: (object: CustomerObject, id: string, otherId: string, fields: LinkFields) =>
    api.post<TAccountContactLink>(`/${plural(object)}/${id}/${otherPlural(object)}`, { [object === 'account' ? 'contactId' : 'accountId']: otherId, ...fields }),
  updateLink: (object: CustomerObject, id: string, otherId: string, fields: LinkFields) => api.patch<TAccountContactLink>(`/${plural(object)}/${id}/${otherPlural(object)}/${otherId}`, fields),
  unlink: (object: CustomerObject, id: string, otherId: string) => api.delete<void>(`/${plural(object)}/${id}/${otherPlural(object)}/${otherId}`),
  graph: (accountId: string) => api.get<TAccountGraphResponse>(`/accounts/${accountId}/graph`),
  hierarchy: (accountId: string) => api.get<TAccountHierarchyResponse>(`/accounts/${accountId}/hierarchy`),
};

export const NO_ROLE_COLOR = '#868e96';

/** The role's label in the UI language, falling back to English and then the key. */
export function roleLabel(roles: TContactRole[] | undefined, key: string | null, language: string): string | null {
  if (!key) return null;
  const role = roles?.find((r) => r.key === key);
  return role?.labels[language] ?? role?.labels.en ?? key;
}

export function roleColor(roles: TContactRole[] | undefined, key: string | null): string {
  return (key && roles?.find((r) => r.key === key)?.color) || NO_ROLE_COLOR;
}

export const INFLUENCE = ['high', 'medium', 'low'] as const;
