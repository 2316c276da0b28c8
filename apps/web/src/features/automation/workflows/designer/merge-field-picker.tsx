import { ActionIcon, Menu, ScrollArea, Tooltip } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TCatalogField } from '../workflows-api';

/** `{{record.<field>}}`: how a text names a field of the workflow's record (the engine's merge). */
export const mergeToken = (key: string) => `{{record.${key}}}`;

/** Fields of the record's owner every text may use. */
const OWNER_FIELDS = ['name', 'email'] as const;

/** A button listing the record's fields; picking one inserts its merge field into the text. */
export function MergeFieldPicker({ fields, onPick }: { fields: TCatalogField[]; onPick: (token: string) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Tooltip label={t('workflows.insertMergeField')} withinPortal>
          <ActionIcon variant="subtle" size="sm" aria-label={t('workflows.insertMergeField')} ><IconBraces size={16} /></ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={280}>
          <Menu.Label>{t('workflows.mergeRecord')}</Menu.Label>
          {fields.map((f) => <Menu.Item key={f.key} onClick={() => onPick(mergeToken(f.key))}>{f.label}</Menu.Item>)}
          <Menu.Label>{t('workflows.mergeOwner')}</Menu.Label>
          {OWNER_FIELDS.map((key) => <Menu.Item key={key} onClick={() => onPick(`{{owner.${key}}}`)}>{t(`workflows.ownerFields.${key}`)}</Menu.Item>)}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
