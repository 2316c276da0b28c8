import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Progress, Radio, SegmentedControl, Select, SimpleGrid, Stack, Stepper, Table, TagsInput, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TImport, TImportOptions, TImportUploadResponse } from '@voyage/contracts';
import { ApiError } from '../../../api/client';
import { useSession } from '../../../app/session';
import { notifyError } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { MemberSelect } from '../record-select';
import { importsApi } from './imports-api';

type Object = 'contact' | 'account';
const STEP_OF: Record<TImport['status'], number> = { uploaded: 1, mapped: 1, validating: 2, dry_run_done: 2, running: 3, done: 4, failed: 4, undone: 4 };

/** Counts of an import or its dry run as a row of figures. */
export function ImportCounts({ counts }: { counts: TImport['counts'] }) {
  const { t } = useTranslation();
  const items = [['total', 'gray'], ['created', 'teal'], ['updated', 'blue'], ['skipped', 'yellow'], ['rejected', 'red']] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }}>
      {items.map(([key, color]) => (
        <Card key={key} withBorder padding="sm" data-testid={`import-count-${key}`}>
          <Text size="xs" c="dimmed">{t(`imports.counts.${key}`)}</Text>
          <Text fw={700} size="xl" c={color === 'gray' ? undefined : color}>{counts[key].toLocaleString()}</Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

export function ImportWizardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const params = useParams({ strict: false }) as { id?: string };
  const search = useSearch({ strict: false }) as { object?: Object };
  const [object, setObject] = useState<Object>(search.object === 'account' ? 'account' : 'contact');
  const [file, setFile] = useState<File | null>(null);
  // The upload's preview and field list survive the move to /imports/<id>, which mounts this page again.
  const [upload, setUpload] = useState<TImportUploadResponse | null>(() => (params.id ? client.getQueryData<TImportUploadResponse>(['imports', 'upload', params.id]) ?? null : null));
  const [mapping, setMapping] = useState<Array<string | null>>(() => upload?.mapping ?? []);
  const [options, setOptions] = useState<TImportOptions>({ duplicates: 'skip' });
  const [busy, setBusy] = useState(false);
  const id = params.id ?? upload?.id;
  const current = useQuery({
    queryKey: ['imports', id],
    queryFn: () => importsApi.get(id!),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const imp = current.data ?? upload;
  const step = imp ? STEP_OF[imp.status] : 0;
  // A finished or undone import changed the records: lists and record pages must not show the cached ones.
  const status = imp?.status;
  const settledObject = status === 'done' || status === 'undone' ? (imp?.object ?? null) : null;
  useEffect(() => {
    if (settledObject) void client.invalidateQueries({ queryKey: ['records', settledObject] });
  }, [settledObject, status, client]);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }
  const refresh = (next: TImport) => client.setQueryData(['imports', next.id], next);

  const onUpload = () => act(async () => {
    const result = await importsApi.upload(object, file!, session.csrfToken);
    setUpload(result);
    setMapping(result.mapping);
    client.setQueryData(['imports', 'upload', result.id], result);
    refresh(result);
    void navigate({ to: '/imports/$id', params: { id: result.id } });
  });
  const onDryRun = () => act(async () => {
    refresh(await importsApi.map(id!, { mapping, options }));
    refresh(await importsApi.dryRun(id!));
  });
  const onRun = () => act(async () => refresh(await importsApi.run(id!)));
  const onUndo = (force = false) => modals.openConfirmModal({
    title: t('imports.undoTitle'),
    children: <Text size="sm">{force ? t('imports.undoForce') : t('imports.undoConfirm')}</Text>,
    labels: { confirm: t('imports.undo'), cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: () => act(async () => {
      try {
        refresh(await importsApi.undo(id!, force));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'imports.changed_since' && !force) return onUndo(true);
        throw e;
      }
    }),
  });

  const fields = upload?.fields ?? [];
  return (
    <Stack>
      <PageHeader title={t('imports.title')} actions={<Button component={Link} to="/imports" variant="default">{t('imports.history')}</Button>} />
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.steps.upload')} />
        <Stepper.Step label={t('imports.steps.mapping')} />
        <Stepper.Step label={t('imports.steps.dryRun')} />
        <Stepper.Step label={t('imports.steps.run')} />
        <Stepper.Completed>{null}</Stepper.Completed>
      </Stepper>

      {step === 0 && (
        <Card withBorder maw={560}>
          <Stack>
            <SegmentedControl value={object} onChange={(v) => setObject(v as Object)} data={[{ value: 'contact', label: t('imports.objects.contact') }, { value: 'account', label: t('imports.objects.account') }]} />
            <FileInput label={t('imports.file')} description={t('imports.fileHint')} placeholder={t('imports.choose')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} leftSection={<IconFileSpreadsheet size={16} />} clearable data-testid="import-file" />
            <Group justify="flex-end"><Button leftSection={<IconUpload size={16} />} disabled={!file} loading={busy} onClick={onUpload} data-testid="import-upload">{t('imports.uploadButton')}</Button></Group>
          </Stack>
        </Card>
      )}

      {step === 1 && imp && !upload && <Alert color="yellow">{t('imports.reupload')}</Alert>}
      {step === 1 && upload && (
        <Stack>
          <Text size="sm" c="dimmed">{t('imports.mappingHint', { file: upload.fileName, count: upload.counts.total })}</Text>
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder verticalSpacing="xs" data-testid="import-mapping">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.field')}</Table.Th><Table.Th>{t('imports.preview')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {upload.headers.map((header, i) => (
                  <Table.Tr key={i} data-header={header}>
                    <Table.Td><Text size="sm" fw={500}>{header}</Text></Table.Td>
                    <Table.Td w={260}>
                      <Select size="xs" aria-label={header} placeholder={t('imports.ignore')} clearable value={mapping[i] ?? null}
                        data={fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label, disabled: mapping.includes(f.key) && mapping[i] !== f.key }))}
                        onChange={(v) => setMapping((m) => m.map((x, j) => (j === i ? v : x)))} comboboxProps={{ withinPortal: true }} />
                    </Table.Td>
                    <Table.Td><Text size="sm" c="dimmed" lineClamp={1}>{upload.preview.map((r) => r[i]).filter(Boolean).slice(0, 3).join(' · ')}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Card withBorder>
            <Stack gap="sm">
              <Radio.Group label={t('imports.duplicates')} description={t('imports.duplicatesHint')} value={options.duplicates} onChange={(v) => setOptions((o) => ({ ...o, duplicates: v as TImportOptions['duplicates'] }))}>
                <Group mt={6}>{(['skip', 'update', 'create'] as const).map((d) => <Radio key={d} value={d} label={t(`imports.duplicateModes.${d}`)} />)}</Group>
              </Radio.Group>
              <Group grow align="flex-start">
                <MemberSelect label={t('imports.owner')} placeholder={t('imports.ownerDefault')} value={options.ownerId ?? null} onChange={(v) => setOptions((o) => ({ ...o, ownerId: v ?? undefined }))} />
                <TagsInput label={t('imports.tags')} value={options.tags ?? []} onChange={(tags) => setOptions((o) => ({ ...o, tags }))} />
              </Group>
            </Stack>
          </Card>
          <Group justify="flex-end"><Button loading={busy} onClick={onDryRun} data-testid="import-dry-run">{t('imports.dryRunButton')}</Button></Group>
        </Stack>
      )}

      {step === 2 && imp?.dryRun && (
        <Stack>
          <ImportCounts counts={imp.dryRun.counts} />
          {imp.dryRun.errors.length > 0 && (
            <Table.ScrollContainer minWidth={480}>
              <Table withTableBorder verticalSpacing="xs">
                <Table.Thead><Table.Tr><Table.Th w={80}>{t('imports.row')}</Table.Th><Table.Th>{t('imports.errors')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {imp.dryRun.errors.map((e) => (
                    <Table.Tr key={e.row}><Table.Td>{e.row}</Table.Td><Table.Td><Text size="sm" c="red">{e.errors.map((x) => x.message).join('; ')}</Text></Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between">
            {upload ? <Button variant="default" onClick={() => refresh({ ...imp, status: 'mapped', dryRun: null })}>{t('imports.back')}</Button> : <span />}
            <Button loading={busy} onClick={onRun} data-testid="import-run" disabled={imp.dryRun.counts.total === imp.dryRun.counts.rejected}>{t('imports.runButton', { count: imp.dryRun.counts.created + imp.dryRun.counts.updated })}</Button>
          </Group>
        </Stack>
      )}

      {step >= 3 && imp && (
        <Stack>
          <Group justify="space-between">
            <Text fw={500}>{imp.fileName}</Text>
            <Badge data-testid="import-status" data-status={imp.status} color={imp.status === 'done' ? 'teal' : imp.status === 'failed' ? 'red' : imp.status === 'undone' ? 'gray' : 'blue'}>{t(`imports.statuses.${imp.status}`)}</Badge>
          </Group>
          <Progress value={imp.progress} size="lg" animated={imp.status === 'running'} aria-label={t('imports.progress')} />
          <Text size="sm" c="dimmed">{imp.progress}%</Text>
          <ImportCounts counts={imp.counts} />
          {imp.error && <Alert color="red">{imp.error}</Alert>}
          {(imp.status === 'done' || imp.status === 'undone') && (
            <Group>
              {imp.counts.rejected > 0 && <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => act(() => importsApi.downloadRejected(imp.id, session.csrfToken))}>{t('imports.downloadRejected')}</Button>}
              {imp.status === 'done' && <Button variant="light" color="red" loading={busy} onClick={() => onUndo()} data-testid="import-undo">{t('imports.undo')}</Button>}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
