import { IconApps, IconChecklist, IconArrowsShuffle, IconBuildingCommunity, IconForms, IconHistory, IconInbox, IconKey, IconMail, IconMailForward, IconShieldLock, IconUserCircle, IconUsers, IconUserShield, type Icon } from '@tabler/icons-react';

export interface SettingsItem {
  path: string;
  labelKey: string;
  icon: Icon;
  /** Capability needed to see the page; none for personal pages. */
  capability?: string;
  group: 'personal' | 'organisation' | 'customisation' | 'system';
}

export const SETTINGS_ITEMS: SettingsItem[] = [
  { path: '/settings/account', labelKey: 'settings.account', icon: IconUserCircle, group: 'personal' },
  { path: '/settings/security', labelKey: 'settings.security', icon: IconShieldLock, group: 'personal' },
  { path: '/settings/users', labelKey: 'settings.users', icon: IconUsers, capability: 'settings.users', group: 'organisation' },
  { path: '/settings/departments', labelKey: 'settings.departments', icon: IconBuildingCommunity, capability: 'settings.users', group: 'organisation' },
  { path: '/settings/roles', labelKey: 'settings.roles', icon: IconUserShield, capability: 'settings.roles', group: 'organisation' },
  { path: '/settings/modules', labelKey: 'settings.modules', icon: IconApps, capability: 'settings.modules', group: 'customisation' },
  { path: '/settings/custom-fields', labelKey: 'settings.customFields', icon: IconForms, capability: 'settings.custom_fields', group: 'customisation' },
  { path: '/settings/assignment-rules', labelKey: 'ownership.rulesTitle', icon: IconArrowsShuffle, capability: 'settings.custom_fields', group: 'customisation' },
  { path: '/settings/pool', labelKey: 'ownership.poolSettingsTitle', icon: IconInbox, capability: 'settings.custom_fields', group: 'customisation' },
  { path: '/settings/lead-assignment', labelKey: 'leads.rules.title', icon: IconArrowsShuffle, capability: 'settings.custom_fields', group: 'customisation' },
  { path: '/settings/pipelines', labelKey: 'deals.settings.title', icon: IconApps, capability: 'settings.modules', group: 'customisation' },
  { path: '/settings/approval-processes', labelKey: 'approvals.settingsNav', icon: IconChecklist, capability: 'automation.manage', group: 'customisation' },
  { path: '/settings/email-templates', labelKey: 'emailTemplates.settingsNav', icon: IconMail, capability: 'automation.manage', group: 'customisation' },
  { path: '/settings/api-keys', labelKey: 'settings.apiKeys', icon: IconKey, capability: 'settings.api_keys', group: 'system' },
  { path: '/settings/audit', labelKey: 'settings.audit', icon: IconHistory, capability: 'audit.read', group: 'system' },
  { path: '/settings/mail', labelKey: 'settings.mail', icon: IconMail, capability: 'settings.mail', group: 'system' },
  { path: '/settings/outbox', labelKey: 'settings.outbox', icon: IconMailForward, capability: 'settings.mail', group: 'system' },
];
