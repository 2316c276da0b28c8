import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { confirmPasswordReset } from '../../api/auth';
import { applyApiError } from '../../components/api-errors';
import { AuthCard } from './auth-card';

export const MIN_PASSWORD_LENGTH = 10;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: '/reset-password' });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : t('auth.resetLinkMissing'));
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort', { min: MIN_PASSWORD_LENGTH })),
      confirm: (v, values) => (v === values.password ? null : t('auth.passwordMismatch')),
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    try {
      await confirmPasswordReset(token, password);
      setDone(true);
    } catch (e) {
      setError(applyApiError(form, e, ['password']));
    }
  });
  return (
    <AuthCard title={t('auth.newPasswordTitle')}>
      {done ? (
        <Alert color="green" role="status">{t('auth.resetDone')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <PasswordInput label={t('auth.newPassword')} autoComplete="new-password" disabled={!token} {...form.getInputProps('password')} />
            <PasswordInput label={t('auth.confirmPassword')} autoComplete="new-password" disabled={!token} {...form.getInputProps('confirm')} />
            <Button type="submit" loading={form.submitting} disabled={!token} fullWidth>{t('auth.setPassword')}</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">{t('auth.backToSignIn')}</Anchor>
    </AuthCard>
  );
}
