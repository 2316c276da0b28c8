import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconBell, IconKey, IconListDetails, IconSettings, IconUserCircle, IconUsers, type Icon } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { modulesApi } from '../../api/platform';
import { hasCapability, useSession } from '../../app/session';
import { localized } from '../../i18n';
import { MODULES_KEY } from '../shell/app-nav';
import { navIcon } from '../shell/nav-icons';

interface QuickLink {
  to: string;
  label: string;
  description: string;
  icon: Icon;
}

function QuickLinkCard({ link }: { link: QuickLink }) {
  const LinkIcon = link.icon;
  return (
    <UnstyledButton component={Link} to={link.to}>
      <Card withBorder padding="md" radius="md" h="100%">
        <Group wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size={38} radius="md"><LinkIcon size={20} /></ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Text fw={600}>{link.label}</Text>
            <Text size="sm" c="dimmed" lineClamp={2}>{link.description}</Text>
          </div>
        </Group>
      </Card>
    </UnstyledButton>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const modules = useQuery({ queryKey: [...MODULES_KEY, i18n.language], queryFn: modulesApi.list, staleTime: 60_000 });
  const moduleLinks: QuickLink[] = (modules.data?.data ?? [])
    .filter((m) => m.enabled)
    .flatMap((m) => m.nav.map((n) => ({ to: n.path, label: localized(n.labels, n.key), description: localized(m.descriptions, localized(m.labels, m.key)), icon: navIcon(n.icon ?? n.key) })));
  const settingLinks: QuickLink[] = [
    { to: '/notifications', label: t('notifications.title'), description: t('home.notificationsHint'), icon: IconBell },
    { to: '/settings/account', label: t('settings.account'), description: t('home.accountHint'), icon: IconUserCircle },
    ...(hasCapability(session, 'settings.users') ? [{ to: '/settings/users', label: t('settings.users'), description: t('home.usersHint'), icon: IconUsers }] : []),
    ...(hasCapability(session, 'settings.custom_fields') ? [{ to: '/settings/custom-fields', label: t('settings.customFields'), description: t('home.customFieldsHint'), icon: IconListDetails }] : []),
    ...(hasCapability(session, 'settings.api_keys') ? [{ to: '/settings/api-keys', label: t('settings.apiKeys'), description: t('home.apiKeysHint'), icon: IconKey }] : []),
    ...(hasCapability(session, 'settings.modules') ? [{ to: '/settings/modules', label: t('settings.modules'), description: t('home.modulesHint'), icon: IconSettings }] : []),
  ];
  return (
    <Stack gap="xl" maw={1100}>
      <div>
        <Title order={2} data-testid="home-title">{t('home.welcome', { name: session.user.name })}</Title>
        <Group gap="xs" mt={6}>
          <Text c="dimmed">{t('home.workspace')}</Text>
          <Text fw={500}>{session.workspace?.name}</Text>
          {session.role && <Badge variant="light">{session.role.name}</Badge>}
        </Group>
      </div>
      {moduleLinks.length > 0 && (
        <section>
          <Title order={4} mb="sm">{t('home.modules')}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
            {moduleLinks.map((link) => <QuickLinkCard key={link.to} link={link} />)}
          </SimpleGrid>
        </section>
      )}
      <section>
        <Title order={4} mb="sm">{t('home.quickLinks')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {settingLinks.map((link) => <QuickLinkCard key={link.to} link={link} />)}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
