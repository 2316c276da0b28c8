import { useEffect, useState } from 'react';
import { ActionIcon, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { Spotlight, createSpotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TSearchResponse } from '@voyage/contracts';
import { api } from '../../api/client';

const RESULTS_PER_TYPE = 6;
const LIST_ID = 'global-search-results';
const [searchStore, searchSpotlight] = createSpotlight();

/**
 * Highlights the first result, as Enter opens the highlighted one. Spotlight highlights the first
 * action right after each keystroke, but our results arrive later (debounce and request), so
 * without this nothing is highlighted and Enter does nothing. Same marking as Spotlight's own.
 */
function highlightFirstResult() {
  const list = document.getElementById(LIST_ID);
  const first = list?.querySelector('[data-action]');
  if (!list || !first) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  first.setAttribute('data-selected', 'true');
  searchStore.updateState((state) => ({ ...state, selected: 0 }));
}

interface Hit {
  id: string;
  type: string;
  title: string;
  subtitle: string | null;
  path: string;
}

/** Where a hit opens: its record page. Types later modules add follow the same /<type>s/:id pattern. */
const pathOf = (type: string, id: string) => `/${type}s/${id}`;

/** GET /api/v1/search: every search provider of the modules switched on, within the user's data scope. */
async function search(term: string, signal: AbortSignal): Promise<Hit[]> {
  const response = await api.get<TSearchResponse>('/search', { signal, query: { q: term, limit: RESULTS_PER_TYPE } });
  return response.groups.flatMap((group) => group.results.map((r) => ({ id: r.id, type: r.type, title: r.title, subtitle: [r.subtitle, r.ownerName].filter(Boolean).join(' · ') || null, path: pathOf(r.type, r.id) })));
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [term] = useDebouncedValue(query.trim(), 250);
  const results = useQuery({ queryKey: ['global-search', term], queryFn: ({ signal }) => search(term, signal), enabled: term.length >= 2, staleTime: 10_000 });
  const hits = results.data ?? [];
  useEffect(() => {
    if (results.data?.length) highlightFirstResult();
  }, [results.data]);
  return (
    <>
      <UnstyledButton
        onClick={() => searchSpotlight.open()}
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
      <ActionIcon variant="default" size="lg" hiddenFrom="sm" onClick={() => searchSpotlight.open()} aria-label={t('search.open')}>
        <IconSearch size={18} />
      </ActionIcon>
      <Spotlight.Root store={searchStore} query={query} onQueryChange={setQuery} shortcut={['mod + K', '/']} scrollable maxHeight={420} clearQueryOnClose>
        <Spotlight.Search placeholder={t('search.placeholder')} leftSection={results.isFetching ? <Loader size={16} /> : <IconSearch size={18} />} aria-label={t('search.placeholder')} data-testid="global-search-input" />
        <Spotlight.ActionsList id={LIST_ID}>
          {term.length < 2 && <Spotlight.Empty>{t('search.hint')}</Spotlight.Empty>}
          {term.length >= 2 && results.isError && <Spotlight.Empty>{(results.error as Error).message}</Spotlight.Empty>}
          {term.length >= 2 && results.isSuccess && hits.length === 0 && <Spotlight.Empty>{t('search.noResults')}</Spotlight.Empty>}
          {hits.map((hit) => (
            <Spotlight.Action
              key={`${hit.type}:${hit.id}`}
              data-testid="search-result"
              data-type={hit.type}
              data-id={hit.id}
              label={hit.title}
              description={[t(`objects.${hit.type}`, { defaultValue: hit.type }), hit.subtitle].filter(Boolean).join(' · ')}
              leftSection={hit.type === 'account' ? <IconBuildingSkyscraper size={20} /> : <IconAddressBook size={20} />}
              onClick={() => void navigate({ href: hit.path })}
            />
          ))}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
