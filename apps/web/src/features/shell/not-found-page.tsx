import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={2}>404</Title>
        <Text c="dimmed">{t('errors.pageNotFound')}</Text>
        <Button component={Link} to="/" variant="light">{t('nav.home')}</Button>
      </Stack>
    </Center>
  );
}
