import { Alert, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from './api-errors';

/** Loading spinner or error alert for a query; null once data is there. */
export function QueryState({ query }: { query: Pick<UseQueryResult, 'isLoading' | 'isError' | 'error'> }) {
  if (query.isLoading) return <Center p="xl"><Loader size="sm" /></Center>;
  if (query.isError) return <Alert color="red" role="alert">{errorMessage(query.error)}</Alert>;
  return null;
}
