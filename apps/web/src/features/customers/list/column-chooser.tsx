import { ActionIcon, Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from './list-columns';
import { columnLabel } from './virtual-record-table';

interface Props {
  catalogue: ColumnDef[];
  /** Visible columns after the name, in order. */
  value: string[];
  onChange: (columns: string[]) => void;
  onReset: () => void;
}

/** Picks which columns show after the name and in which order; the name always comes first. */
export function ColumnChooser({ catalogue, value, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const byKey = new Map(catalogue.map((c) => [c.key, c]));
  const shown = value.filter((k) => byKey.has(k));
  const hidden = catalogue.filter((c) => !shown.includes(c.key));
  const move = (i: number, by: -1 | 1) => {
    const next = [...shown];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={300}>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">{t('customerList.columns')}</Button>
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="column-chooser-panel">
        <ScrollArea.Autosize mah="min(480px, 60dvh)" type="auto">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">{t('customerList.shownColumns')}</Text>
            {shown.map((key, i) => (
              <Group key={key} gap={4} wrap="nowrap" justify="space-between" data-testid="column-option" data-column={key}>
                <Checkbox size="sm" label={columnLabel(t, byKey.get(key)!)} checked onChange={() => onChange(shown.filter((k) => k !== key))} style={{ minWidth: 0 }} />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('customerList.moveUp', { column: columnLabel(t, byKey.get(key)!) })}><IconArrowUp size={14} /></ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === shown.length - 1} onClick={() => move(i, 1)} aria-label={t('customerList.moveDown', { column: columnLabel(t, byKey.get(key)!) })}><IconArrowDown size={14} /></ActionIcon>
                </Group>
              </Group>
            ))}
            {shown.length === 0 && <Text size="sm" c="dimmed">{t('customerList.onlyName')}</Text>}
            <Divider my={4} />
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">{t('customerList.hiddenColumns')}</Text>
            {hidden.map((c) => (
              <Checkbox key={c.key} size="sm" label={columnLabel(t, c)} checked={false} onChange={() => onChange([...shown, c.key])} data-testid="column-option" data-column={c.key} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="flex-end" mt="xs">
          <Button size="xs" variant="subtle" color="gray" onClick={onReset}>{t('customerList.defaultColumns')}</Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
