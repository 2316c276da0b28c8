import { useState } from 'react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { requestPasswordReset } from '../../api/auth';
import { applyApiError } from '../../components/api-errors';
import { AuthCard } from './auth-card';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('auth.emailInvalid')) } });
  const submit = form.onSubmit(async ({ email }) => {
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (e) {
      setError(applyApiError(form, e, ['email']));
    }
  });
  return (
    <AuthCard title={t('auth.resetTitle')} subtitle={t('auth.resetRequestHint')}>
      {sent ? (
        <Alert color="green" role="status">{t('auth.resetSent')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label={t('auth.email')} type="email" autoComplete="username" {...form.getInputProps('email')} />
            <Button type="submit" loading={form.submitting} fullWidth>{t('auth.sendResetLink')}</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">{t('auth.backToSignIn')}</Anchor>
    </AuthCard>
  );
}
