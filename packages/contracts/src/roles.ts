import { z } from 'zod';

/** Roles, object rights, data scopes, field rules (P4) and per-record sharing. */

export const DATA_SCOPES = ['own', 'own_subordinates', 'department', 'department_tree', 'all'] as const;
export const ZDataScope = z.enum(DATA_SCOPES);
export const OBJECT_ACTIONS = ['create', 'read', 'update', 'delete', 'export'] as const;
export const FIELD_RULES = ['hidden', 'masked', 'readonly'] as const;
export const ZFieldRule = z.enum(FIELD_RULES);

const ZObjectKey = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/);
const ZFieldKey = z.string().regex(/^(custom\.)?[a-zA-Z][a-zA-Z0-9_]{0,59}$/);

export const ZObjectRights = z.object({
  create: z.boolean().optional(),
  read: z.boolean().optional(),
  update: z.boolean().optional(),
  delete: z.boolean().optional(),
  export: z.boolean().optional(),
}).strict();

/** `{ [object]: { create, read, update, delete, export } }` */
export const ZRolePermissions = z.record(ZObjectKey, ZObjectRights);
/** `{ [object]: { [field]: hidden | masked | readonly } }`; custom fields as `custom.<key>`. */
export const ZRoleFieldRules = z.record(ZObjectKey, z.record(ZFieldKey, ZFieldRule));

export const ZRole = z.object({
  id: z.uuid(),
  key: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  isAdmin: z.boolean(),
  dataScope: ZDataScope,
  permissions: ZRolePermissions,
  fieldRules: ZRoleFieldRules,
  capabilities: z.array(z.string()),
  memberCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TRole = z.infer<typeof ZRole>;

export const ZListRolesResponse = z.object({ data: z.array(ZRole) });

export const ZCreateRoleRequest = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  isAdmin: z.boolean().optional(),
  dataScope: ZDataScope,
  permissions: ZRolePermissions.optional(),
  fieldRules: ZRoleFieldRules.optional(),
  capabilities: z.array(z.string().max(60)).max(50).optional(),
}).strict();
export type TCreateRoleRequest = z.infer<typeof ZCreateRoleRequest>;

export const ZUpdateRoleRequest = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(500).optional(),
  isAdmin: z.boolean().optional(),
  dataScope: ZDataScope.optional(),
  permissions: ZRolePermissions.optional(),
  fieldRules: ZRoleFieldRules.optional(),
  capabilities: z.array(z.string().max(60)).max(50).optional(),
  version: z.number().int().min(1),
}).strict();
export type TUpdateRoleRequest = z.infer<typeof ZUpdateRoleRequest>;

export const ZRoleParams = z.object({ id: z.uuid() }).strict();

const ZLocaleLabels = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });

/** What the role editor builds its matrix from. */
export const ZPermissionCatalogResponse = z.object({
  objects: z.array(z.object({
    key: z.string(),
    module: z.string(),
    labels: ZLocaleLabels,
    shareable: z.boolean(),
    fields: z.array(z.object({ key: z.string(), labels: ZLocaleLabels, sensitive: z.boolean() })),
  })),
  actions: z.array(z.object({ key: z.enum(OBJECT_ACTIONS), labels: ZLocaleLabels })),
  scopes: z.array(z.object({ key: ZDataScope, labels: ZLocaleLabels })),
  fieldRules: z.array(ZFieldRule),
  capabilities: z.array(z.object({ key: z.string(), labels: ZLocaleLabels })),
  /** False when no module registers objects yet: then any lower-case object key is accepted. */
  objectsRestricted: z.boolean(),
});
export type TPermissionCatalogResponse = z.infer<typeof ZPermissionCatalogResponse>;

export const SHARE_ACCESS = ['read', 'edit'] as const;
export const ZShareAccess = z.enum(SHARE_ACCESS);

export const ZShare = z.object({
  id: z.uuid(),
  object: z.string(),
  recordId: z.uuid(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  access: ZShareAccess,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.uuid().nullable(),
});
export type TShare = z.infer<typeof ZShare>;

export const ZListSharesQuery = z.object({
  object: ZObjectKey,
  recordId: z.uuid(),
  lang: z.string().max(10).optional(),
}).strict();
export const ZListSharesResponse = z.object({ data: z.array(ZShare) });

/** Share with exactly one of `userId` or `departmentId`. Sharing again changes the access. */
export const ZCreateShareRequest = z.object({
  object: ZObjectKey,
  recordId: z.uuid(),
  userId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  access: ZShareAccess,
}).strict();
export type TCreateShareRequest = z.infer<typeof ZCreateShareRequest>;

export const ZShareParams = z.object({ id: z.uuid() }).strict();

export const SHARE_EVENTS = { recordShared: 'platform.record.shared', recordUnshared: 'platform.record.unshared' } as const;
export const ZRecordSharedEvent = z.object({
  shareId: z.uuid(),
  object: z.string(),
  recordId: z.uuid(),
  userId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  access: ZShareAccess,
});
export type TRecordSharedEvent = z.infer<typeof ZRecordSharedEvent>;
