import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageMenu } from '../shell/language-menu';
import { ColorSchemeToggle } from '../shell/color-scheme-toggle';

/** The frame of the pages seen without the app's shell: sign-in, reset, workspaces, an emailed approval link. */
export function AuthCard({ title, subtitle, width = 420, children }: { title: string; subtitle?: string; width?: number; children: ReactNode }) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="flex-end" p="sm" gap="xs">
        <LanguageMenu persist={false} />
        <ColorSchemeToggle persist={false} />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Stack w="100%" maw={width} gap="lg">
          <Group gap="sm" justify="center">
            <img src="/icons/icon.svg" alt="" width={40} height={40} />
            <Text fw={700} fz={24}>Voyage CRM</Text>
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            <Stack gap="md">
              <div>
                <Title order={2} fz="h3">{title}</Title>
                {subtitle && <Text c="dimmed" size="sm" mt={4}>{subtitle}</Text>}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
