import { z } from 'zod';

/** Users (members of a workspace) and departments (P2). */

export const MEMBER_STATUSES = ['active', 'disabled'] as const;
export const ZMemberStatus = z.enum(MEMBER_STATUSES);

export const ZMember = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  status: ZMemberStatus,
  roleId: z.uuid(),
  roleName: z.string(),
  roleIsAdmin: z.boolean(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  supervisorId: z.uuid().nullable(),
  supervisorName: z.string().nullable(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TMember = z.infer<typeof ZMember>;

export const ZListMembersQuery = z.object({
  q: z.string().max(100).optional().describe('Matches name or email'),
  departmentId: z.uuid().optional(),
  roleId: z.uuid().optional(),
  status: ZMemberStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Page size, 1–500, default 100'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  lang: z.string().max(10).optional(),
}).strict();
export type TListMembersQuery = z.infer<typeof ZListMembersQuery>;

export const ZListMembersResponse = z.object({ data: z.array(ZMember), nextCursor: z.string().nullable() });
export type TListMembersResponse = z.infer<typeof ZListMembersResponse>;

export const ZAddMemberRequest = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  roleId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
  supervisorId: z.uuid().nullable().optional(),
  title: z.string().trim().max(100).nullable().optional(),
  /** Required when the email is new; ignored for a person who already has an account. */
  password: z.string().min(8).max(200).optional(),
}).strict();
export type TAddMemberRequest = z.infer<typeof ZAddMemberRequest>;

export const ZUpdateMemberRequest = z.object({
  roleId: z.uuid().optional(),
  departmentId: z.uuid().nullable().optional(),
  supervisorId: z.uuid().nullable().optional(),
  title: z.string().trim().max(100).nullable().optional(),
  status: ZMemberStatus.optional(),
  version: z.number().int().min(1),
}).strict();
export type TUpdateMemberRequest = z.infer<typeof ZUpdateMemberRequest>;

export const ZMemberParams = z.object({ userId: z.uuid() }).strict();

export const ZDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  headUserId: z.uuid().nullable(),
  headUserName: z.string().nullable(),
  position: z.number().int(),
  /** Members directly in this department (not in sub-departments). */
  memberCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZListDepartmentsResponse = z.object({ data: z.array(ZDepartment) });

export const ZCreateDepartmentRequest = z.object({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().optional(),
  headUserId: z.uuid().nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
}).strict();
export type TCreateDepartmentRequest = z.infer<typeof ZCreateDepartmentRequest>;

export const ZUpdateDepartmentRequest = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
  headUserId: z.uuid().nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  version: z.number().int().min(1),
}).strict();
export type TUpdateDepartmentRequest = z.infer<typeof ZUpdateDepartmentRequest>;

export const ZDepartmentParams = z.object({ id: z.uuid() }).strict();

/** Domain events of workspace membership. */
export const ORG_EVENTS = {
  memberAdded: 'platform.member.added',
  memberUpdated: 'platform.member.updated',
} as const;

export const ZMemberAddedEvent = z.object({
  userId: z.uuid(),
  roleId: z.uuid(),
  departmentId: z.uuid().nullable(),
  supervisorId: z.uuid().nullable(),
  newUser: z.boolean(),
});
export type TMemberAddedEvent = z.infer<typeof ZMemberAddedEvent>;

export const ZMemberUpdatedEvent = z.object({
  userId: z.uuid(),
  /** The changed fields with their new values. */
  changes: z.record(z.string(), z.unknown()),
  previous: z.record(z.string(), z.unknown()),
});
export type TMemberUpdatedEvent = z.infer<typeof ZMemberUpdatedEvent>;
