import { useEffect } from 'react';
import { Alert, Button, Center, Stack } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/api-errors';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  // Unexpected failures reach the console so they can be reported with their stack.
  useEffect(() => console.error(error), [error]);
  return (
    <Center mih="40vh" p="md">
      <Stack maw={480} w="100%">
        <Alert color="red" title={t('errors.title')} role="alert">{errorMessage(error)}</Alert>
        <Button variant="light" onClick={reset}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
