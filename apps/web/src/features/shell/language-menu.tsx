import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { updateAccount } from '../../api/auth';
import { notifyError } from '../../components/api-errors';
import { queryClient } from '../../app/query-client';
import { SESSION_KEY } from '../../app/session';
import { changeLocale, currentLocale, LOCALES, type Locale } from '../../i18n';

/** Each language is named in itself, so anyone can find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

export async function switchLanguage(locale: Locale, persist: boolean): Promise<void> {
  await changeLocale(locale);
  if (!persist) return;
  try {
    await updateAccount({ locale });
    // Server-translated labels (roles, modules, errors) follow the account's language.
    await queryClient.invalidateQueries();
  } catch (error) {
    notifyError(error);
  }
  void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

export function LanguageMenu({ persist = true }: { persist?: boolean }) {
  const { t } = useTranslation();
  const active = currentLocale();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label={t('shell.language')}>
          <ActionIcon variant="default" size="lg" aria-label={t('shell.language')} data-testid="language-menu">
            <IconLanguage size={18} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((locale) => (
          <Menu.Item key={locale} lang={locale} onClick={() => void switchLanguage(locale, persist)} rightSection={locale === active ? <IconCheck size={14} /> : null} data-locale={locale}>
            {LOCALE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
