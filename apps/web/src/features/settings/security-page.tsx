import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Image, Modal, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldCheck } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { confirmTotp, disableTotp, enrollTotp, regenerateRecoveryCodes } from '../../api/auth';
import { errorMessage, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { useRefreshSession, useSession } from '../../app/session';

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  return (
    <Stack gap="sm">
      <Alert color="yellow">{t('security.recoveryCodesOnce')}</Alert>
      <SimpleGrid cols={2} spacing={6} data-testid="recovery-codes">
        {codes.map((c) => <Code key={c} fz="sm" ta="center" py={4}>{c}</Code>)}
      </SimpleGrid>
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button variant="light" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
            {copied ? t('common.copied') : t('security.copyCodes')}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}

function EnrollFlow({ onDone }: { onDone: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!enrolment) return;
    QRCode.toDataURL(enrolment.otpauthUrl, { width: 220, margin: 1, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [enrolment]);

  async function start() {
    setError(null);
    setBusy(true);
    try {
      setEnrolment(await enrollTotp());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const { recoveryCodes } = await confirmTotp(code.trim());
      onDone(recoveryCodes);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!enrolment) {
    return (
      <Stack gap="sm" align="flex-start">
        {error && <Alert color="red">{error}</Alert>}
        <Button onClick={() => void start()} loading={busy} leftSection={<IconShieldCheck size={16} />}>{t('security.enable')}</Button>
      </Stack>
    );
  }
  return (
    <form onSubmit={confirm} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('security.scanQr')}</Text>
        <Group align="flex-start" gap="lg">
          {qr && <Image src={qr} alt={t('security.qrAlt')} w={220} h={220} radius="md" bg="white" p={4} data-testid="totp-qr" />}
          <Stack gap={6} style={{ flex: 1, minWidth: 200 }}>
            <Text size="sm" c="dimmed">{t('security.manualKey')}</Text>
            <Code fz="sm" style={{ wordBreak: 'break-all' }}>{enrolment.secret}</Code>
          </Stack>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        <TextInput label={t('security.enterCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" autoComplete="one-time-code" maw={220} />
        <Group><Button type="submit" loading={busy} disabled={!code.trim()}>{t('security.confirm')}</Button></Group>
      </Stack>
    </form>
  );
}

function PasswordPrompt({ opened, title, confirmLabel, color, onClose, onConfirm }: { opened: boolean; title: string; confirmLabel: string; color?: string; onClose: () => void; onConfirm: (password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(password);
      setPassword('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <PasswordInput label={t('account.currentPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color={color} loading={busy} disabled={!password}>{confirmLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SecurityPage() {
  const { t } = useTranslation();
  const session = useSession();
  const refresh = useRefreshSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [prompt, setPrompt] = useState<'disable' | 'regenerate' | null>(null);
  const enabled = session.user.totpEnabled;
  return (
    <Stack>
      <PageHeader title={t('settings.security')} description={t('security.description')} />
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={4}>{t('security.twoFactor')}</Title>
            <Badge color={enabled ? 'green' : 'gray'} variant="light" data-testid="totp-status">{enabled ? t('security.on') : t('security.off')}</Badge>
          </Group>
          <Text size="sm" c="dimmed">{t('security.twoFactorHint')}</Text>
          {codes && <RecoveryCodes codes={codes} />}
          {!enabled && !codes && <EnrollFlow onDone={(c) => { setCodes(c); void refresh(); }} />}
          {enabled && (
            <Group>
              <Button variant="default" onClick={() => setPrompt('regenerate')}>{t('security.regenerate')}</Button>
              <Button variant="light" color="red" onClick={() => setPrompt('disable')}>{t('security.disable')}</Button>
            </Group>
          )}
        </Stack>
      </Card>
      <PasswordPrompt
        opened={prompt === 'disable'}
        title={t('security.disable')}
        confirmLabel={t('security.disable')}
        color="red"
        onClose={() => setPrompt(null)}
        onConfirm={async (password) => {
          await disableTotp(password);
          setPrompt(null);
          setCodes(null);
          await refresh();
          notifySaved(t('security.disabled'));
        }}
      />
      <PasswordPrompt
        opened={prompt === 'regenerate'}
        title={t('security.regenerate')}
        confirmLabel={t('security.regenerate')}
        onClose={() => setPrompt(null)}
        onConfirm={async (password) => {
          const result = await regenerateRecoveryCodes(password);
          setPrompt(null);
          setCodes(result.recoveryCodes);
        }}
      />
    </Stack>
  );
}
