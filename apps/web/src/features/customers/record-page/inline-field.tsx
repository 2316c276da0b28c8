import { useState } from 'react';
import { Group, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type Save = (value: unknown) => Promise<boolean>;

/** A value that turns into an input on click; Enter or leaving the field saves, Escape cancels. */
export function InlineText({ label, value, type, canEdit, onSave, testId }: { label: string; value: string | null | undefined; type?: string; canEdit: boolean; onSave: Save; testId?: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = async () => {
    if (draft === null) return;
    const next = draft.trim() === '' ? null : draft.trim();
    if (next === (value ?? null)) {
      setDraft(null);
      return;
    }
    setError(null);
    try {
      // false means a version conflict: the page shows it, and the stale draft is dropped.
      await onSave(next);
      setDraft(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (draft !== null) {
    return (
      <TextInput label={label} size="xs" type={type} autoFocus value={draft} error={error} onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => void commit()} onKeyDown={(e) => { if (e.key === 'Enter') void commit(); if (e.key === 'Escape') setDraft(null); }} />
    );
  }
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      {canEdit ? (
        <UnstyledButton onClick={() => setDraft(value ?? '')} title={t('timeline.clickToEdit')} style={{ display: 'block', width: '100%' }}>
          <Group gap={4} wrap="nowrap"><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{value || t('timeline.empty')}</Text><IconPencil size={12} opacity={0.4} /></Group>
        </UnstyledButton>
      ) : <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{value || t('timeline.empty')}</Text>}
    </div>
  );
}

/** A select that saves on change. */
export function InlineSelect({ label, value, data, canEdit, onSave, clearable = true }: { label: string; value: string | null | undefined; data: Array<{ value: string; label: string }>; canEdit: boolean; onSave: Save; clearable?: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <Select label={label} size="xs" styles={{ label: { fontWeight: 400, color: 'var(--mantine-color-dimmed)' } }} value={value ?? null} data={data} clearable={clearable} disabled={!canEdit || busy} searchable comboboxProps={{ withinPortal: true }}
      onChange={async (v) => { setBusy(true); try { await onSave(v); } finally { setBusy(false); } }} />
  );
}
