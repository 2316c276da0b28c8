import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz, workspaceId } from './columns';

/** Workspaces (tenants). A reference table: not keyed by workspace. */
export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  defaultLocale: text('default_locale').notNull().default('zh-CN'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  currency: text('currency').notNull().default('CNY'),
  defaultPhoneRegion: text('default_phone_region').notNull().default('CN'),
  settings: jsonb('settings').notNull().default({}),
  ...recordColumns(),
}, (t) => [uniqueIndex('workspaces_slug_key').on(t.slug)]);

/** Users are global: one person may belong to several workspaces. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  locale: text('locale'),
  theme: text('theme').notNull().default('light'),
  phone: text('phone'),
  totpSecret: text('totp_secret'),
  totpEnabledAt: tstz('totp_enabled_at'),
  /** The 30-second step of the last authenticator code accepted: a code works once (RFC 6238 §5.2). */
  totpLastStep: integer('totp_last_step'),
  recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: tstz('locked_until'),
  lastLoginAt: tstz('last_login_at'),
  lastWorkspaceId: uuid('last_workspace_id'),
  icalToken: text('ical_token'),
  ...recordColumns(),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)]);

/** Sessions of the web app. The id stored is the SHA-256 of the cookie token. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id'),
  csrfToken: text('csrf_token').notNull(),
  mfaPending: boolean('mfa_pending').notNull().default(false),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** One-time password-reset tokens (SHA-256 of the emailed token). */
export const passwordResets = pgTable('password_resets', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: tstz('used_at'),
}, (t) => [index('password_resets_user_idx').on(t.userId)]);

/** Departments form a tree inside a workspace. */
export const departments = pgTable('departments', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  parentId: uuid('parent_id'),
  headUserId: uuid('head_user_id'),
  position: integer('position').notNull().default(0),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.parentId], foreignColumns: [t.workspaceId, t.id] }).onDelete('restrict'),
  index('departments_parent_idx').on(t.workspaceId, t.parentId),
]);

/** Roles: rights per object and action, a data scope, and field rules. */
export const roles = pgTable('roles', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  key: text('key'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  isAdmin: boolean('is_admin').notNull().default(false),
  /** own | own_subordinates | department | department_tree | all */
  dataScope: text('data_scope').notNull().default('own'),
  /** { [object]: { create, read, update, delete, export } } */
  permissions: jsonb('permissions').$type<Record<string, Partial<Record<'create' | 'read' | 'update' | 'delete' | 'export', boolean>>>>().notNull().default({}),
  /** { [object]: { [field]: 'hidden' | 'masked' | 'readonly' } } */
  fieldRules: jsonb('field_rules').$type<Record<string, Record<string, 'hidden' | 'masked' | 'readonly'>>>().notNull().default({}),
  /** API/platform capabilities such as settings.manage, audit.read. */
  capabilities: jsonb('capabilities').$type<string[]>().notNull().default([]),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('roles_key_key').on(t.workspaceId, t.key),
]);

/** A user's membership of a workspace: department, supervisor and role. */
export const memberships = pgTable('memberships', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  roleId: uuid('role_id').notNull(),
  departmentId: uuid('department_id'),
  supervisorId: uuid('supervisor_id'),
  title: text('title'),
  status: text('status').notNull().default('active'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.userId] }),
  foreignKey({ columns: [t.workspaceId, t.roleId], foreignColumns: [roles.workspaceId, roles.id] }).onDelete('restrict'),
  foreignKey({ columns: [t.workspaceId, t.departmentId], foreignColumns: [departments.workspaceId, departments.id] }).onDelete('set null'),
  foreignKey({ columns: [t.workspaceId, t.supervisorId], foreignColumns: [t.workspaceId, t.userId] }).onDelete('set null'),
  index('memberships_user_idx').on(t.workspaceId, t.userId),
  index('memberships_department_idx').on(t.workspaceId, t.departmentId),
  index('memberships_supervisor_idx').on(t.workspaceId, t.supervisorId),
]);

/** Per-record sharing: a record shared with a user or a department. */
export const recordShares = pgTable('record_shares', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  recordId: uuid('record_id').notNull(),
  userId: uuid('user_id'),
  departmentId: uuid('department_id'),
  /** read | edit */
  access: text('access').notNull().default('read'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('record_shares_record_idx').on(t.workspaceId, t.object, t.recordId),
  index('record_shares_user_idx').on(t.workspaceId, t.userId, t.object),
]);

/** Module switches per workspace (P1). A missing row means the module's default. */
export const workspaceModules = pgTable('workspace_modules', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  moduleKey: text('module_key').notNull(),
  enabled: boolean('enabled').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.moduleKey] })]);

/** API keys: shown once, stored as SHA-256, with scopes. */
export const apiKeys = pgTable('api_keys', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
  /** The user the key acts as; its rights are capped by this user's role. */
  userId: uuid('user_id').notNull(),
  lastUsedAt: tstz('last_used_at'),
  expiresAt: tstz('expires_at'),
  revokedAt: tstz('revoked_at'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('api_keys_hash_key').on(t.workspaceId, t.keyHash),
  index('api_keys_prefix_idx').on(t.workspaceId, t.prefix),
]);
