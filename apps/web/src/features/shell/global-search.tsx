import { useState } from 'react';
import { ActionIcon, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { accountsApi, contactsApi } from '../../api/customers';
import { ApiError } from '../../api/client';

const RESULTS_PER_OBJECT = 6;

interface Hit {
  id: string;
  kind: 'contact' | 'account';
  title: string;
  subtitle: string;
  path: string;
}

/** Lists that are unavailable (module off, no right, not built) contribute no hits instead of failing the search. */
async function safeList<T>(load: () => Promise<{ data: T[] }>): Promise<T[]> {
  try {
    return (await load()).data;
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return [];
    throw error;
  }
}

async function search(term: string, signal: AbortSignal): Promise<Hit[]> {
  const query = { 'filter[name][contains]': term, limit: RESULTS_PER_OBJECT };
  const [contacts, accounts] = await Promise.all([
    safeList(() => contactsApi.list({ ...query, fields: 'id,name,email,title' }, signal)),
    safeList(() => accountsApi.list({ ...query, fields: 'id,name,industry,region' }, signal)),
  ]);
  return [
    ...contacts.map((c) => ({ id: c.id!, kind: 'contact' as const, title: c.name ?? '', subtitle: [c.title, c.email].filter(Boolean).join(' · '), path: `/contacts?open=${c.id}` })),
    ...accounts.map((a) => ({ id: a.id!, kind: 'account' as const, title: a.name ?? '', subtitle: [a.industry, a.region].filter(Boolean).join(' · '), path: `/accounts?open=${a.id}` })),
  ];
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [term] = useDebouncedValue(query.trim(), 250);
  const results = useQuery({ queryKey: ['global-search', term], queryFn: ({ signal }) => search(term, signal), enabled: term.length > 0, staleTime: 10_000 });
  const hits = results.data ?? [];
  return (
    <>
      <UnstyledButton
        onClick={() => spotlight.open()}
        visibleFrom="sm"
        aria-label={t('search.open')}
        data-testid="global-search"
        style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, padding: '6px 10px', width: 320, maxWidth: '40vw', background: 'var(--mantine-color-default)' }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconSearch size={16} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed" truncate>{t('search.placeholder')}</Text>
          </Group>
          <Kbd size="xs" style={{ whiteSpace: "nowrap" }}>Ctrl K</Kbd>
        </Group>
      </UnstyledButton>
      <ActionIcon variant="default" size="lg" hiddenFrom="sm" onClick={() => spotlight.open()} aria-label={t('search.open')}>
        <IconSearch size={18} />
      </ActionIcon>
      <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', '/']} scrollable maxHeight={420} clearQueryOnClose>
        <Spotlight.Search placeholder={t('search.placeholder')} leftSection={results.isFetching ? <Loader size={16} /> : <IconSearch size={18} />} aria-label={t('search.placeholder')} />
        <Spotlight.ActionsList>
          {term.length === 0 && <Spotlight.Empty>{t('search.hint')}</Spotlight.Empty>}
          {term.length > 0 && results.isError && <Spotlight.Empty>{(results.error as Error).message}</Spotlight.Empty>}
          {term.length > 0 && results.isSuccess && hits.length === 0 && <Spotlight.Empty>{t('search.noResults')}</Spotlight.Empty>}
          {hits.map((hit) => (
            <Spotlight.Action
              key={`${hit.kind}:${hit.id}`}
              label={hit.title}
              description={[hit.kind === 'contact' ? t('objects.contact') : t('objects.account'), hit.subtitle].filter(Boolean).join(' · ')}
              leftSection={hit.kind === 'contact' ? <IconAddressBook size={20} /> : <IconBuildingSkyscraper size={20} />}
              onClick={() => void navigate({ href: hit.path })}
            />
          ))}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
