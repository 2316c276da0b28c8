import type { DataScope, RoleSnapshot } from '../context';

/** Capabilities for platform settings; roles carry a list of them. */
export const CAPABILITIES = [
  'settings.users', // invite, edit and disable users, departments
  'settings.roles', // edit roles and permissions
  'settings.modules', // switch modules on and off
  'settings.custom_fields', // define custom fields
  'settings.api_keys', // create and revoke API keys
  'settings.mail', // SMTP settings and the outbox
  'audit.read', // read the audit log
  'automation.manage', // build, publish and run workflows
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface DefaultRole {
  key: string;
  names: Record<'zh-CN' | 'zh-TW' | 'en', string>;
  isAdmin: boolean;
  dataScope: DataScope;
  capabilities: Capability[];
  /** Rights applied to every object registered by modules. */
  objectRights: RoleSnapshot['permissions'][string];
}

/** The roles every new workspace starts with. Admins edit them freely afterwards. */
export const DEFAULT_ROLES: DefaultRole[] = [
  { key: 'admin', names: { 'zh-CN': '系统管理员', 'zh-TW': '系統管理員', en: 'Administrator' }, isAdmin: true, dataScope: 'all', capabilities: [...CAPABILITIES], objectRights: { create: true, read: true, update: true, delete: true, export: true } },
  { key: 'manager', names: { 'zh-CN': '销售经理', 'zh-TW': '銷售經理', en: 'Sales manager' }, isAdmin: false, dataScope: 'department_tree', capabilities: ['audit.read'], objectRights: { create: true, read: true, update: true, delete: true, export: true } },
  { key: 'rep', names: { 'zh-CN': '销售代表', 'zh-TW': '銷售代表', en: 'Sales rep' }, isAdmin: false, dataScope: 'own', capabilities: [], objectRights: { create: true, read: true, update: true, delete: false, export: false } },
  { key: 'viewer', names: { 'zh-CN': '只读用户', 'zh-TW': '唯讀使用者', en: 'Read-only' }, isAdmin: false, dataScope: 'all', capabilities: [], objectRights: { create: false, read: true, update: false, delete: false, export: false } },
];
