import { useState } from 'react';
import { Button, Menu, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TExportJob } from '@voyage/contracts';
import { canAccess, useSession } from '../../../app/session';
import { notifyError } from '../../../components/api-errors';
import { importsApi } from './imports-api';

const POLL_MS = 1500;

/**
 * Exports the list as it is shown (filter, sort, columns) to CSV or XLSX. Shown only with
 * the export right; a large export runs as a job with its progress in a notification.
 */
export function ExportButton({ object, plural, filters, sort, fields }: { object: string; plural?: string; filters: Record<string, string | undefined>; sort: string; fields?: string[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  if (!canAccess(session, object, 'export')) return null;
  const path = plural ?? `${object}s`;

  async function follow(job: TExportJob) {
    const id = `export-${job.id}`;
    const show = (j: TExportJob) => notifications.update({ id, loading: j.status !== 'done', autoClose: j.status === 'done' ? 4000 : false, title: t('imports.exporting'), message: <Stack gap={4}><Progress value={j.progress} /><Text size="xs">{j.progress}%</Text></Stack> });
    notifications.show({ id, loading: true, autoClose: false, title: t('imports.exporting'), message: <Progress value={0} /> });
    let current = job;
    while (current.status === 'queued' || current.status === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      current = await importsApi.exportJob(job.id);
      show(current);
    }
    if (current.status === 'failed') throw new Error(current.error ?? 'export failed');
    await importsApi.downloadExport(current, session.csrfToken);
  }

  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    try {
      const filter = Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
      const job = await importsApi.exportList(path, { format, filter, sort, fields }, session.csrfToken);
      if (job) await follow(job);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} loading={busy}>{t('imports.export')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('xlsx')}>{t('imports.exportXlsx')}</Menu.Item>
        <Menu.Item onClick={() => void run('csv')}>{t('imports.exportCsv')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
