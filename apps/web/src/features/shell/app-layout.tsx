import { useEffect } from 'react';
import { AppShell, Burger, Group, Text, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { changeLocale, currentLocale, isLocale } from '../../i18n';
import { AppNav } from './app-nav';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { GlobalSearch } from './global-search';
import { LanguageMenu } from './language-menu';
import { NotificationsBell } from './notifications-bell';
import { UserMenu } from './user-menu';

/** Applies the account's stored language and theme once the session is known. */
function useAccountPreferences() {
  const session = useSession();
  const { setColorScheme } = useMantineColorScheme();
  const { locale, theme } = session.user;
  useEffect(() => {
    if (isLocale(locale) && locale !== currentLocale()) void changeLocale(locale);
  }, [locale]);
  useEffect(() => {
    if (theme === 'dark' || theme === 'light') setColorScheme(theme);
  }, [theme, setColorScheme]);
}

export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  useAccountPreferences();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} data-testid="burger" />
            <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, textDecoration: 'none', color: 'inherit', minWidth: 0 }}>
              <img src="/icons/icon.svg" alt="" width={28} height={28} />
              <Text fw={700} visibleFrom="xs">Voyage</Text>
            </Link>
            {session.workspace && <Text size="sm" c="dimmed" truncate visibleFrom="md" maw={200}>{session.workspace.name}</Text>}
          </Group>
          <GlobalSearch />
          <Group gap={6} wrap="nowrap">
            <NotificationsBell />
            <LanguageMenu />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <AppNav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
