import type { z } from 'zod';
import type {
  ZListModulesResponse, ZModuleState, ZListMembersResponse, ZMember, ZAddMemberRequest, ZUpdateMemberRequest,
  ZListDepartmentsResponse, ZDepartment, ZCreateDepartmentRequest, ZUpdateDepartmentRequest,
  ZListRolesResponse, ZRole, ZCreateRoleRequest, ZUpdateRoleRequest, ZPermissionCatalogResponse,
  ZListAuditResponse, ZListAuditQuery, ZCustomFieldListResponse, ZCustomFieldResponse, ZCreateCustomFieldRequest, ZUpdateCustomFieldRequest,
} from '@voyage/contracts';
import { api, type Query } from './client';

export type ModuleState = z.infer<typeof ZModuleState>;
export type Member = z.infer<typeof ZMember>;
export type Department = z.infer<typeof ZDepartment>;
export type Role = z.infer<typeof ZRole>;
export type PermissionCatalog = z.infer<typeof ZPermissionCatalogResponse>;
export type CustomField = z.infer<typeof ZCustomFieldResponse>;
export type AuditPage = z.infer<typeof ZListAuditResponse>;
export type AuditQuery = z.infer<typeof ZListAuditQuery>;

export const modulesApi = {
  list: () => api.get<z.infer<typeof ZListModulesResponse>>('/modules'),
  set: (key: string, enabled: boolean) => api.patch<ModuleState>(`/modules/${encodeURIComponent(key)}`, { enabled }),
};

export const membersApi = {
  list: (query: Query = {}) => api.get<z.infer<typeof ZListMembersResponse>>('/users', { query }),
  add: (body: z.input<typeof ZAddMemberRequest>) => api.post<Member>('/users', body),
  update: (userId: string, body: z.input<typeof ZUpdateMemberRequest>) => api.patch<Member>(`/users/${userId}`, body),
};

export const departmentsApi = {
  list: () => api.get<z.infer<typeof ZListDepartmentsResponse>>('/departments'),
  create: (body: z.input<typeof ZCreateDepartmentRequest>) => api.post<Department>('/departments', body),
  update: (id: string, body: z.input<typeof ZUpdateDepartmentRequest>) => api.patch<Department>(`/departments/${id}`, body),
  remove: (id: string) => api.delete<void>(`/departments/${id}`),
};

export const rolesApi = {
  list: () => api.get<z.infer<typeof ZListRolesResponse>>('/roles'),
  catalog: () => api.get<PermissionCatalog>('/permissions/catalog'),
  create: (body: z.input<typeof ZCreateRoleRequest>) => api.post<Role>('/roles', body),
  update: (id: string, body: z.input<typeof ZUpdateRoleRequest>) => api.patch<Role>(`/roles/${id}`, body),
  remove: (id: string) => api.delete<void>(`/roles/${id}`),
};

export const auditApi = {
  list: (query: Query) => api.get<AuditPage>('/audit', { query }),
};

export const customFieldsApi = {
  list: (object?: string) => api.get<z.infer<typeof ZCustomFieldListResponse>>('/custom-fields', { query: { object } }),
  create: (body: z.input<typeof ZCreateCustomFieldRequest>) => api.post<CustomField>('/custom-fields', body),
  update: (id: string, body: z.input<typeof ZUpdateCustomFieldRequest>) => api.patch<CustomField>(`/custom-fields/${id}`, body),
  remove: (id: string) => api.delete<void>(`/custom-fields/${id}`),
};
