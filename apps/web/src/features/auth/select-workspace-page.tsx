import { useState } from 'react';
import { Alert, Button, Stack, Text, UnstyledButton, Group, Paper } from '@mantine/core';
import { IconBuilding, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { fetchSession, logOut, switchWorkspace } from '../../api/auth';
import { errorMessage } from '../../components/api-errors';
import { queryClient } from '../../app/query-client';
import { SESSION_KEY } from '../../app/session';
import { AuthCard } from './auth-card';

export function SelectWorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function choose(id: string) {
    setBusy(id);
    setError(null);
    try {
      await switchWorkspace(id);
      queryClient.clear();
      await navigate({ to: '/' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function signOut() {
    await logOut().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/login', search: { next: undefined } });
  }

  const workspaces = session?.workspaces ?? [];
  return (
    <AuthCard title={t('workspaces.title')} subtitle={session ? t('workspaces.signedInAs', { email: session.user.email }) : undefined}>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {workspaces.length === 0 && <Text c="dimmed">{t('workspaces.none')}</Text>}
      <Stack gap="xs">
        {workspaces.map((w) => (
          <UnstyledButton key={w.id} onClick={() => void choose(w.id)} disabled={busy !== null} aria-label={w.name}>
            <Paper withBorder p="sm" radius="md" bg={session?.workspace?.id === w.id ? 'var(--mantine-primary-color-light)' : undefined}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <IconBuilding size={20} />
                  <Text fw={500} truncate>{w.name}</Text>
                </Group>
                <IconChevronRight size={18} />
              </Group>
            </Paper>
          </UnstyledButton>
        ))}
      </Stack>
      <Button variant="subtle" color="gray" onClick={() => void signOut()}>{t('shell.signOut')}</Button>
    </AuthCard>
  );
}
