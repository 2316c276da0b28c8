import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconShieldLock, IconSwitchHorizontal, IconUser } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logOut } from '../../api/auth';
import { queryClient } from '../../app/query-client';
import { useSession } from '../../app/session';

export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  // CJK names read best as their first character; Latin names as two initials.
  if (/[\u3400-\u9fff]/.test(trimmed[0])) return trimmed[0];
  return trimmed.split(/\s+/).slice(0, 2).map((p) => p[0]?.toUpperCase()).join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  async function signOut() {
    await logOut().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/login', search: { next: undefined } });
  }
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={34}>{initials(session.user.name)}</Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={140} truncate>{session.user.name}</Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>{session.user.name}</Text>
          <Text size="xs" c="dimmed" truncate>{session.user.email}</Text>
          {session.role && <Text size="xs" c="dimmed" truncate>{session.role.name}</Text>}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconUser size={16} />} onClick={() => void navigate({ to: '/settings/account' })}>{t('shell.profile')}</Menu.Item>
        <Menu.Item leftSection={<IconShieldLock size={16} />} onClick={() => void navigate({ to: '/settings/security' })}>{t('shell.twoFactor')}</Menu.Item>
        {session.workspaces.length > 1 && (
          <Menu.Item leftSection={<IconSwitchHorizontal size={16} />} onClick={() => void navigate({ to: '/workspaces' })}>{t('shell.switchWorkspace')}</Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">{t('shell.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
