import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifySaved } from '../../../components/api-errors';
import { useSession } from '../../../app/session';
import { LEADS_KEY, leadsApi, type TLeadImportResult } from './leads-api';

/** One-step CSV import: upload, see the summary and the rows not imported, undo if need be. */
export function LeadImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TLeadImportResult | null>(null);
  const close = () => { setFile(null); setResult(null); setError(null); onClose(); };
  const run = async (action: () => Promise<TLeadImportResult>) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await action());
      void client.invalidateQueries({ queryKey: LEADS_KEY });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('leads.importTitle')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">{t('leads.importHelp')}</Text>
        {error && <Alert color="red">{error}</Alert>}
        {!result && (
          <>
            <FileInput label={t('leads.chooseFile')} accept=".csv,text/csv" value={file} onChange={setFile} data-testid="lead-import-file" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('leads.cancel')}</Button>
              <Button disabled={!file} loading={busy} onClick={() => file && void run(() => leadsApi.importFile(file, session.csrfToken))}>{t('leads.upload')}</Button>
            </Group>
          </>
        )}
        {result && (
          <>
            <Alert color={result.status === 'undone' ? 'gray' : result.errors.length ? 'yellow' : 'green'} data-testid="lead-import-summary">
              {result.status === 'undone' ? t('leads.importUndone') : t('leads.importSummary', { created: result.createdCount, total: result.totalRows })}
            </Alert>
            {result.errors.length > 0 && (
              <>
                <Text fw={600} size="sm">{t('leads.importErrors')}</Text>
                <Table.ScrollContainer minWidth={400} mah={260}>
                  <Table striped>
                    <Table.Thead><Table.Tr><Table.Th>{t('leads.row')}</Table.Th><Table.Th>{t('leads.field')}</Table.Th><Table.Th>{t('leads.message')}</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>{result.errors.map((e, i) => <Table.Tr key={i}><Table.Td>{e.row}</Table.Td><Table.Td>{e.field}</Table.Td><Table.Td>{e.message}</Table.Td></Table.Tr>)}</Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
            <Group justify="flex-end">
              {result.status === 'done' && result.createdCount > 0 && (
                <Button color="red" variant="light" loading={busy} onClick={() => void run(async () => { const r = await leadsApi.undoImport(result.id); notifySaved(t('leads.importUndone')); return r; })}>{t('leads.undoImport')}</Button>
              )}
              <Button onClick={close}>{t('leads.cancel')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
