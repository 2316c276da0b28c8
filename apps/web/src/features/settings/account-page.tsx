import { useState } from 'react';
import { Alert, Button, Card, Group, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput, Title, useMantineColorScheme } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { changePassword, updateAccount } from '../../api/auth';
import { applyApiError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { useRefreshSession, useSession } from '../../app/session';
import { currentLocale, isLocale, LOCALES, type Locale } from '../../i18n';
import { LOCALE_NAMES, switchLanguage } from '../shell/language-menu';
import { MIN_PASSWORD_LENGTH } from '../auth/reset-password-page';
import { IcalFeedCard } from '../sales/tasks/ical-feed-card';

function ProfileCard() {
  const { t } = useTranslation();
  const session = useSession();
  const refresh = useRefreshSession();
  const { setColorScheme } = useMantineColorScheme();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: session.user.name,
      locale: (isLocale(session.user.locale) ? session.user.locale : currentLocale()) as Locale,
      theme: session.user.theme === 'dark' ? 'dark' : 'light',
    },
    validate: { name: (v) => (v.trim() ? null : t('common.required')) },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await updateAccount({ name: values.name.trim(), locale: values.locale, theme: values.theme as 'light' | 'dark' });
      setColorScheme(values.theme as 'light' | 'dark');
      if (values.locale !== currentLocale()) await switchLanguage(values.locale, false);
      await refresh();
      notifySaved();
    } catch (e) {
      setError(applyApiError(form, e, ['name', 'locale', 'theme']));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={480}>
          <Title order={4}>{t('account.profile')}</Title>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label={t('account.email')} value={session.user.email} readOnly variant="filled" />
          <TextInput label={t('account.name')} required {...form.getInputProps('name')} />
          <Select label={t('account.language')} data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} allowDeselect={false} {...form.getInputProps('locale')} />
          <div>
            <Text size="sm" fw={500} mb={4}>{t('account.theme')}</Text>
            <SegmentedControl data={[{ value: 'light', label: t('account.themeLight') }, { value: 'dark', label: t('account.themeDark') }]} {...form.getInputProps('theme')} />
          </div>
          <Group><Button type="submit" loading={form.submitting}>{t('common.save')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('common.required')),
      newPassword: (v) => (v.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort', { min: MIN_PASSWORD_LENGTH })),
      confirm: (v, values) => (v === values.newPassword ? null : t('auth.passwordMismatch')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      form.reset();
      notifySaved(t('account.passwordChanged'));
    } catch (e) {
      setError(applyApiError(form, e, ['currentPassword', 'newPassword']));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={480}>
          <Title order={4}>{t('account.password')}</Title>
          <Text size="sm" c="dimmed">{t('account.passwordHint')}</Text>
          {error && <Alert color="red">{error}</Alert>}
          <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('auth.newPassword')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('auth.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group><Button type="submit" loading={form.submitting}>{t('account.changePassword')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('settings.account')} description={t('account.description')} />
      <ProfileCard />
      <PasswordCard />
      <IcalFeedCard />
    </Stack>
  );
}
