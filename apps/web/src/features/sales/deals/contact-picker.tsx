import { useState } from 'react';
import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dealDetailApi } from './deals-api';

type Option = { value: string; label: string };

function useContactSearch(text: string) {
  const [q] = useDebouncedValue(text.trim(), 250);
  const found = useQuery({ queryKey: ['contact-search', q], queryFn: () => dealDetailApi.searchContacts(q), enabled: q.length > 0, placeholderData: keepPreviousData, staleTime: 30_000 });
  return (found.data?.groups ?? []).flatMap((g) => g.results).map((r) => ({ value: r.id, label: r.subtitle ? `${r.title} · ${r.subtitle}` : r.title }));
}

/** One contact, found by typing part of a name, company, email or phone (the global search). */
export function ContactPicker({ value, onChange, label, exclude = [] }: { value: string | null; onChange: (id: string | null) => void; label: string; exclude?: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const options = useContactSearch(text).filter((o) => !exclude.includes(o.value));
  return (
    <Select label={label} placeholder={t('deals.searchContact')} searchable clearable filter={({ options: o }) => o} data={options}
      searchValue={text} onSearchChange={setText} value={value} onChange={onChange} nothingFoundMessage={text.trim() ? t('deals.noMatch') : undefined} data-testid="contact-picker" />
  );
}

/** Several contacts, found the same way; `known` labels the ones already chosen. */
export function ContactsPicker({ value, onChange, label, known }: { value: string[]; onChange: (ids: string[]) => void; label: string; known: Option[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const found = useContactSearch(text);
  const options = [...known.filter((k) => value.includes(k.value)), ...found.filter((f) => !value.includes(f.value))];
  return (
    <MultiSelect label={label} placeholder={t('deals.searchContact')} searchable filter={({ options: o }) => o} data={options}
      searchValue={text} onSearchChange={setText} value={value} onChange={onChange} data-testid="contacts-picker" />
  );
}
