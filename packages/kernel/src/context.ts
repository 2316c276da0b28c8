import type { Env } from './env';
import type { Database, Queryable } from './db/client';
import type { Locale } from './i18n/locales';

export type DataScope = 'own' | 'own_subordinates' | 'department' | 'department_tree' | 'all';
export type ObjectAction = 'create' | 'read' | 'update' | 'delete' | 'export';
export type FieldRule = 'hidden' | 'masked' | 'readonly';

/** A role as the permission helpers see it. */
export interface RoleSnapshot {
  id: string;
  key: string | null;
  name: string;
  isAdmin: boolean;
  dataScope: DataScope;
  permissions: Record<string, Partial<Record<ObjectAction, boolean>>>;
  fieldRules: Record<string, Record<string, FieldRule>>;
  capabilities: string[];
}

/** Who is acting: a signed-in user, or an API key acting as its user. */
export interface Actor {
  userId: string;
  workspaceId: string;
  name: string;
  email: string;
  role: RoleSnapshot;
  departmentId: string | null;
  supervisorId: string | null;
  /** Set when the request is authenticated by an API key. */
  apiKey?: { id: string; scopes: string[] };
}

/** What every use case receives. */
export interface Context {
  env: Env;
  database: Database;
  /** The current transaction, or the database outside one. */
  db: Queryable;
  workspaceId: string;
  actor: Actor;
  locale: Locale;
  requestId?: string;
  ip?: string;
}

/** A context for work without a user (jobs, system subscribers). */
export interface SystemContext {
  env: Env;
  database: Database;
  db: Queryable;
  workspaceId: string;
  locale: Locale;
}
