import { Box, Divider, Group, NavLink, Select, Stack, Text } from '@mantine/core';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasCapability, useSession } from '../../app/session';
import { SETTINGS_ITEMS } from './settings-nav';

const GROUPS = ['personal', 'organisation', 'customisation', 'system'] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const items = SETTINGS_ITEMS.filter((i) => !i.capability || hasCapability(session, i.capability));
  return (
    <Group align="flex-start" gap="lg" wrap="nowrap">
      <Box w={220} visibleFrom="md" style={{ flexShrink: 0, position: 'sticky', top: 72 }}>
        <Stack gap={2} component="nav" aria-label={t('nav.settings')} data-testid="settings-nav">
          {GROUPS.map((group, index) => {
            const groupItems = items.filter((i) => i.group === group);
            if (groupItems.length === 0) return null;
            return (
              <Stack key={group} gap={2}>
                {index > 0 && <Divider my={6} />}
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" py={4}>{t(`settings.groups.${group}`)}</Text>
                {groupItems.map((item) => {
                  const ItemIcon = item.icon;
                  return <NavLink key={item.path} component={Link} to={item.path} label={t(item.labelKey)} leftSection={<ItemIcon size={16} />} active={pathname === item.path} />;
                })}
              </Stack>
            );
          })}
        </Stack>
      </Box>
      <Stack style={{ flex: 1, minWidth: 0 }} gap="md">
        <Select
          hiddenFrom="md"
          aria-label={t('nav.settings')}
          value={items.find((i) => i.path === pathname)?.path ?? null}
          data={items.map((i) => ({ value: i.path, label: t(i.labelKey) }))}
          onChange={(value) => value && void navigate({ to: value })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Outlet />
      </Stack>
    </Group>
  );
}
