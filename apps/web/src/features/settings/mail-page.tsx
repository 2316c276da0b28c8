import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mailApi, type MailSettings } from '../../api/mail';
import { applyApiError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { useSession } from '../../app/session';

const KEY = ['mail-settings'] as const;

function SettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { host: settings.host ?? '', port: settings.port ?? ('' as number | ''), secure: settings.secure, username: settings.username ?? '', password: '', clearPassword: false, fromName: settings.fromName, fromEmail: settings.fromEmail },
    validate: {
      fromName: (v) => (v.trim() ? null : t('common.required')),
      fromEmail: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('auth.emailInvalid')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await mailApi.saveSettings({
        host: v.host.trim() || null,
        port: v.port === '' ? null : Number(v.port),
        secure: v.secure,
        username: v.username.trim() || null,
        password: v.clearPassword ? null : v.password ? v.password : undefined,
        fromName: v.fromName.trim(),
        fromEmail: v.fromEmail.trim(),
        version: settings.version,
      });
      notifySaved();
      await client.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      setError(applyApiError(form, e, ['host', 'port', 'secure', 'username', 'password', 'fromName', 'fromEmail']));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={560}>
          <Title order={4}>{t('mail.smtp')}</Title>
          {settings.catcher && <Alert color="blue">{t('mail.catcherOn')}</Alert>}
          {error && <Alert color="red">{error}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t('mail.host')} placeholder="smtp.example.com" description={t('mail.hostHint')} {...form.getInputProps('host')} />
            <NumberInput label={t('mail.port')} placeholder="587" min={1} max={65535} allowDecimal={false} {...form.getInputProps('port')} />
          </Group>
          <Switch label={t('mail.secure')} description={t('mail.secureHint')} {...form.getInputProps('secure', { type: 'checkbox' })} />
          <Group grow align="flex-start">
            <TextInput label={t('mail.username')} autoComplete="off" {...form.getInputProps('username')} />
            <PasswordInput label={t('mail.password')} autoComplete="new-password" placeholder={settings.passwordSet ? t('mail.passwordKept') : ''} disabled={form.values.clearPassword} {...form.getInputProps('password')} />
          </Group>
          {settings.passwordSet && <Switch size="xs" label={t('mail.clearPassword')} {...form.getInputProps('clearPassword', { type: 'checkbox' })} />}
          <Group grow align="flex-start">
            <TextInput label={t('mail.fromName')} required {...form.getInputProps('fromName')} />
            <TextInput label={t('mail.fromEmail')} required {...form.getInputProps('fromEmail')} />
          </Group>
          <Group><Button type="submit" loading={form.submitting}>{t('common.save')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

function TestMailCard() {
  const { t } = useTranslation();
  const session = useSession();
  const [to, setTo] = useState(session.user.email);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  async function send(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      await mailApi.sendTest(to.trim());
      setResult({ ok: true, message: t('mail.testQueued') });
    } catch (e) {
      setResult({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg">
      <form onSubmit={send} noValidate>
        <Stack gap="sm" maw={560}>
          <Title order={4}>{t('mail.test')}</Title>
          <Text size="sm" c="dimmed">{t('mail.testHint')}</Text>
          {result && (
            <Alert color={result.ok ? 'green' : 'red'}>
              {result.message} {result.ok && <Text component={Link} to="/settings/outbox" size="sm" c="blue" td="underline">{t('mail.openOutbox')}</Text>}
            </Alert>
          )}
          <Group align="flex-end">
            <TextInput label={t('mail.to')} type="email" value={to} onChange={(e) => setTo(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} />
            <Button type="submit" loading={busy} leftSection={<IconSend size={16} />} disabled={!to.trim()}>{t('mail.sendTest')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function MailPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: KEY, queryFn: mailApi.settings });
  return (
    <RequireCapability capability="settings.mail">
      <Stack>
        <PageHeader title={t('settings.mail')} description={t('mail.description')} />
        <QueryState query={settings} />
        {settings.data && <SettingsForm key={settings.data.version} settings={settings.data} />}
        {settings.data && <TestMailCard />}
      </Stack>
    </RequireCapability>
  );
}
