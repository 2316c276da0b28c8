import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountsApi, contactsApi } from '../../api/customers';
import { membersApi } from '../../api/platform';

const LISTS: Record<string, typeof accountsApi.list> = { account: accountsApi.list, contact: contactsApi.list };

/** A searchable picker of accounts or contacts, searching by name on the server. */
export function RecordSelect({ object, label, value, onChange, error, required, description }: { object: string; label: string; value: string | null; onChange: (v: string | null) => void; error?: React.ReactNode; required?: boolean; description?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const list = LISTS[object] as (typeof LISTS)[string] | undefined;
  const options = useQuery({ queryKey: ['record-select', object, term], queryFn: ({ signal }) => list!({ 'filter[name][contains]': term || undefined, limit: 20, fields: 'id,name' }, signal), enabled: Boolean(list) });
  const current = useQuery({ queryKey: ['record-select', object, 'id', value], queryFn: ({ signal }) => list!({ 'filter[id][eq]': value!, limit: 1, fields: 'id,name' }, signal), enabled: Boolean(list && value) });
  const items = new Map<string, string>();
  for (const r of current.data?.data ?? []) items.set(r.id!, r.name ?? r.id!);
  for (const r of options.data?.data ?? []) items.set(r.id!, r.name ?? r.id!);
  return (
    <Select label={label} description={description} required={required} error={error} searchable clearable value={value} onChange={onChange}
      searchValue={search} onSearchChange={setSearch} filter={({ options: o }) => o}
      data={[...items].map(([v, l]) => ({ value: v, label: l }))} nothingFoundMessage={t('search.noResults')} comboboxProps={{ withinPortal: true }} />
  );
}

/** A picker of workspace members (owners, user fields). */
export function MemberSelect({ label, value, onChange, error, required, placeholder }: { label?: string; value: string | null; onChange: (v: string | null) => void; error?: React.ReactNode; required?: boolean; placeholder?: string }) {
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  return (
    <Select label={label} placeholder={placeholder} required={required} error={error} searchable clearable value={value} onChange={onChange}
      data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} comboboxProps={{ withinPortal: true }} />
  );
}
