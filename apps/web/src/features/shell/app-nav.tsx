import { NavLink, ScrollArea, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { modulesApi } from '../../api/platform';
import { localized } from '../../i18n';
import { navIcon } from './nav-icons';

export const MODULES_KEY = ['modules'] as const;

/** Home, the nav items of every enabled module, then Settings. */
export function AppNav({ onNavigate }: { onNavigate: () => void }) {
  const { t, i18n } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const modules = useQuery({ queryKey: [...MODULES_KEY, i18n.language], queryFn: modulesApi.list, staleTime: 60_000 });
  const items = (modules.data?.data ?? []).filter((m) => m.enabled).flatMap((m) => m.nav.map((n) => ({ ...n, module: m.key })));
  const isActive = (path: string) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`));
  const HomeIcon = navIcon('home');
  const SettingsIcon = navIcon('settings');
  return (
    <ScrollArea style={{ flex: 1 }} type="auto">
      <Stack gap={2} p="sm" component="nav" aria-label={t('nav.main')} data-testid="main-nav">
        <NavLink component={Link} to="/" label={t('nav.home')} leftSection={<HomeIcon size={18} />} active={isActive('/')} onClick={onNavigate} />
        {modules.isLoading && [0, 1, 2].map((i) => <Skeleton key={i} h={34} radius="sm" />)}
        {items.map((item) => {
          const ItemIcon = navIcon(item.icon ?? item.key);
          return <NavLink key={`${item.module}:${item.key}`} component={Link} to={item.path} label={localized(item.labels, item.key)} leftSection={<ItemIcon size={18} />} active={isActive(item.path)} onClick={onNavigate} data-testid={`nav-${item.key}`} />;
        })}
        <NavLink component={Link} to="/settings" label={t('nav.settings')} leftSection={<SettingsIcon size={18} />} active={isActive('/settings')} onClick={onNavigate} data-testid="nav-settings" />
      </Stack>
    </ScrollArea>
  );
}
