import { useState } from 'react';
import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';

/** The field a record kind's list searches and shows as its title. */
const TITLE_FIELD: Record<string, string> = { task: 'title' };
const titleField = (object: string) => TITLE_FIELD[object] ?? 'name';

type Row = { id: string } & Record<string, unknown>;

/** Records of any catalogue object by a part of their name, through the object's own list (`/<object>s`), so its data scope applies. */
function searchRecords(object: string, term: string, signal: AbortSignal): Promise<{ data: Row[] }> {
  const field = titleField(object);
  return api.get<{ data: Row[] }>(`/${object}s`, { signal, query: { [`filter[${field}][contains]`]: term || undefined, limit: 20 } });
}

/** The server already matched the search: show what it found. */
const serverFiltered: OptionsFilter = ({ options }) => options;

/** Search text, the options it finds, and the titles of records already picked (kept when the search moves on). */
function useRecordPicker(object: string) {
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const results = useQuery({ queryKey: ['workflow-record-search', object, term], queryFn: ({ signal }) => searchRecords(object, term, signal), enabled: Boolean(object) });
  const titles = new Map(known);
  for (const r of results.data?.data ?? []) titles.set(r.id, String(r[titleField(object)] ?? r.id));
  const remember = (ids: string[]) => setKnown(new Map([...known, ...ids.map((id): [string, string] => [id, titles.get(id) ?? id])]));
  const props = {
    searchable: true, searchValue: search, onSearchChange: setSearch, filter: serverFiltered,
    data: [...titles].map(([value, label]) => ({ value, label })), comboboxProps: { withinPortal: true },
  };
  return { titles, remember, props };
}

/** Picks one record of `object` (a test run's record). */
export function RecordSearchSelect({ object, label, value, onChange }: { object: string; label: string; value: string | null; onChange: (id: string | null, title: string | null) => void }) {
  const { t } = useTranslation();
  const picker = useRecordPicker(object);
  return (
    <Select label={label} clearable value={value} nothingFoundMessage={t('workflows.noRecords')} data-testid="wf-record-select" {...picker.props}
      onChange={(id) => {
        if (id) picker.remember([id]);
        onChange(id, id ? picker.titles.get(id) ?? null : null);
      }} />
  );
}

/** Picks several records of `object` (a manual run). */
export function RecordsSearchSelect({ object, label, value, onChange }: { object: string; label: string; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const picker = useRecordPicker(object);
  return (
    <MultiSelect label={label} value={value} maxValues={500} nothingFoundMessage={t('workflows.noRecords')} data-testid="wf-records-select" {...picker.props}
      onChange={(ids) => {
        picker.remember(ids);
        onChange(ids);
      }} />
  );
}
