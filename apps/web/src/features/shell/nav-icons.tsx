import {
  IconAddressBook, IconBuildingSkyscraper, IconChartBar, IconHeadset, IconHeartHandshake, IconHome, IconPlugConnected,
  IconCopy, IconFilter, IconRobot, IconSettings, IconSpeakerphone, IconTargetArrow, IconUsers, IconApps, IconCalendar, IconChecklist, type Icon,
} from '@tabler/icons-react';
import { IconPackage, IconReceipt2 } from '@tabler/icons-react';
import { IconPodium, IconTarget } from '@tabler/icons-react';
import { IconUserSearch } from '@tabler/icons-react';
import { IconChartLine } from '@tabler/icons-react';
import { IconSitemap } from '@tabler/icons-react';

/** Modules name their nav icons by key; unknown keys get a neutral icon. */
const ICONS: Record<string, Icon> = {
  home: IconHome,
  settings: IconSettings,
  contacts: IconAddressBook,
  contact: IconAddressBook,
  accounts: IconBuildingSkyscraper,
  building: IconBuildingSkyscraper,
  account: IconBuildingSkyscraper,
  users: IconUsers,
  sales: IconTargetArrow,
  deals: IconTargetArrow,
  leads: IconUserSearch,
  marketing: IconSpeakerphone,
  service: IconHeadset,
  success: IconHeartHandshake,
  automation: IconRobot,
  analytics: IconChartBar,
  integrations: IconPlugConnected,
  filter: IconFilter,
  copy: IconCopy,
  calendar: IconCalendar,
  checklist: IconChecklist,
  products: IconPackage,
  'price-books': IconReceipt2,
  targets: IconTarget,
  'sales-performance': IconPodium,
  forecast: IconChartLine,
  approvals: IconChecklist,
  workflows: IconSitemap,
};

export function navIcon(name: string | null | undefined): Icon {
  return (name && ICONS[name]) || IconApps;
}
