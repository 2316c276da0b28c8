import { useState } from 'react';
import { Alert, Anchor, Button, Group, PasswordInput, PinInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logIn, verifyMfa, type LoginResponse } from '../../api/auth';
import { errorMessage } from '../../components/api-errors';
import { changeLocale, isLocale } from '../../i18n';
import { queryClient } from '../../app/query-client';
import { SESSION_KEY, loadSession } from '../../app/session';
import { AuthCard } from './auth-card';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/login' });
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('auth.emailInvalid')),
      password: (v) => (v ? null : t('auth.passwordRequired')),
    },
  });

  async function finish(result?: Pick<LoginResponse, 'user'>) {
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    const session = await loadSession();
    const locale = result?.user.locale ?? session?.user.locale;
    if (isLocale(locale)) await changeLocale(locale);
    if (session && !session.workspace && session.workspaces.length > 0) {
      await navigate({ to: '/workspaces' });
      return;
    }
    await navigate({ to: next ?? '/' });
  }

  const submitPassword = form.onSubmit(async (values) => {
    setError(null);
    setBusy(true);
    try {
      const result = await logIn({ email: values.email.trim(), password: values.password });
      if (result.mfaRequired) setStep('mfa');
      else await finish(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  async function submitCode(event?: React.FormEvent) {
    event?.preventDefault();
    if (!code.trim()) return;
    setError(null);
    setBusy(true);
    try {
      await verifyMfa(code.trim());
      await finish();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (step === 'mfa') {
    return (
      <AuthCard title={t('auth.mfaTitle')} subtitle={useRecovery ? t('auth.recoveryHint') : t('auth.mfaHint')}>
        <form onSubmit={submitCode} noValidate>
          <Stack gap="md">
            {error && <Alert color="red" role="alert">{error}</Alert>}
            {useRecovery ? (
              <TextInput label={t('auth.recoveryCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="one-time-code" autoFocus data-autofocus />
            ) : (
              <Group justify="center">
                <PinInput length={6} type="number" oneTimeCode value={code} onChange={setCode} onComplete={(v) => setCode(v)} aria-label={t('auth.mfaCode')} autoFocus />
              </Group>
            )}
            <Button type="submit" loading={busy} fullWidth>{t('auth.verify')}</Button>
            <Anchor component="button" type="button" size="sm" onClick={() => { setUseRecovery(!useRecovery); setCode(''); setError(null); }}>
              {useRecovery ? t('auth.useAuthenticator') : t('auth.useRecoveryCode')}
            </Anchor>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <form onSubmit={submitPassword} noValidate>
        <Stack gap="md">
          {error && <Alert color="red" role="alert" data-testid="login-error">{error}</Alert>}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} name="email" />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" required {...form.getInputProps('password')} name="password" />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">{t('auth.forgotPassword')}</Anchor>
          </Group>
          <Button type="submit" loading={busy} fullWidth>{t('auth.signIn')}</Button>
          <Text size="xs" c="dimmed" ta="center">{t('auth.sessionNote')}</Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
