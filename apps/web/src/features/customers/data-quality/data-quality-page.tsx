import { useState, type ReactNode } from 'react';
import { Anchor, Card, type AnchorProps, Group, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import type { CustomerObject } from '../record-config';
import { CompletenessChart } from './completeness-chart';
import { dataQualityApi, type DataQualityCell, type TDataQualityCheck, type TDataQualityProblem, type TDataQualityRow } from './data-quality-api';
import { QualityRecordsDrawer } from './quality-records-drawer';

/** Built-in checks whose rule needs a word of explanation. */
const HINTS = new Set(['email', 'phone', 'account', 'followUp', 'website']);

const ownerParam = (row: TDataQualityRow) => row.ownerId ?? 'none';

/** A real link to the contacts or accounts list with filters in its address (new tab works), followed in the app on a plain click. */
function ListLink({ to, search, children, ...props }: { to: '/contacts' | '/accounts'; search: Record<string, string>; children: ReactNode; 'data-testid'?: string; 'aria-label'?: string } & AnchorProps) {
  const router = useRouter();
  const navigate = useNavigate();
  const href = router.buildLocation({ to, search }).href;
  const follow = (e: React.MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate({ to, search });
  };
  return <Anchor href={href} onClick={follow} {...props}>{children}</Anchor>;
}

/** Data-quality report: missing and invalid fields by owner, completeness, drill-down to the records. */
export function DataQualityPage() {
  const { t } = useTranslation();
  const [object, setObject] = useState<CustomerObject>('contact');
  const navigate = useNavigate();
  const [cell, setCell] = useState<DataQualityCell | null>(null);
  const report = useQuery({ queryKey: ['data-quality', object], queryFn: ({ signal }) => dataQualityApi.report(object, signal), placeholderData: keepPreviousData });
  const data = report.data?.object === object ? report.data : undefined;
  const checks = data?.checks ?? [];
  const owners = data?.owners ?? [];

  const checkLabel = (c: TDataQualityCheck) => c.label ?? t(`dataQuality.check_${c.key}`);
  const ownerLabel = (row: TDataQualityRow) => row.ownerName ?? (row.ownerId ? t('dataQuality.unknownOwner') : t('dataQuality.noOwner'));
  const open = (row: TDataQualityRow | null, check: TDataQualityCheck, problem: TDataQualityProblem) =>
    setCell({ object, owner: row ? ownerParam(row) : undefined, ownerLabel: row ? ownerLabel(row) : t('dataQuality.overall'), check: check.key, checkLabel: checkLabel(check), problem });

  /**
   * The list page's address for an owner's records, missing a value when a check is given: its
   * filters come from the server (null when the list cannot express them, e.g. a masked field).
   */
  const listSearch = (row: TDataQualityRow | null, check?: TDataQualityCheck): Record<string, string> | null => {
    if (check && !check.missingFilter) return null;
    const owner: Record<string, string> = !row ? {} : row.ownerId ? { 'filter[ownerId][eq]': row.ownerId } : { 'filter[ownerId][is_empty]': 'true' };
    return { ...owner, ...check?.missingFilter };
  };
  const listPath = object === 'contact' ? '/contacts' : '/accounts';

  // Missing values open the contacts/accounts list filtered to them; invalid ones (not a list filter) open the drill-down drawer.
  const count = (row: TDataQualityRow | null, check: TDataQualityCheck, problem: TDataQualityProblem) => {
    const n = (row ?? data!.total).counts[check.key]?.[problem] ?? 0;
    const id = `dq-cell-${row ? ownerParam(row) : 'all'}-${check.key}-${problem}`;
    if (n === 0) return <Text size="sm" c="dimmed" data-testid={id}>0</Text>;
    const label = `${checkLabel(check)} · ${t(`dataQuality.${problem}`)} · ${row ? ownerLabel(row) : t('dataQuality.overall')}: ${n}`;
    const number = <Text span size="sm" fw={600} c={problem === 'invalid' ? 'red' : check.informational ? 'dimmed' : 'orange'} td="underline">{n.toLocaleString()}</Text>;
    const search = problem === 'missing' ? listSearch(row, check) : null;
    if (search) return <ListLink to={listPath} search={search} data-testid={id} aria-label={label} underline="never">{number}</ListLink>;
    return <UnstyledButton onClick={() => open(row, check, problem)} data-testid={id} aria-label={label}>{number}</UnstyledButton>;
  };

  const score = (value: number | null) => (
    <Group gap="xs" wrap="nowrap" miw={120}>
      <Progress value={value ?? 0} color={value === null ? 'gray' : value >= 80 ? 'green' : value >= 60 ? 'orange' : 'red'} w={64} size="sm" />
      <Text size="sm" fw={500}>{value === null ? '—' : `${value}%`}</Text>
    </Group>
  );

  const header = (c: TDataQualityCheck) => {
    const hint = c.informational ? t('dataQuality.informational') : c.label !== null ? t('dataQuality.requiredField') : HINTS.has(c.key) ? t(`dataQuality.hint_${c.key}`) : null;
    return (
      <Group gap={4} wrap="nowrap" justify="center">
        <Text size="sm" fw={700} c={c.informational ? 'dimmed' : undefined}>{checkLabel(c)}</Text>
        {hint && <Tooltip label={hint} multiline w={240} withArrow><IconInfoCircle size={14} aria-label={hint} /></Tooltip>}
      </Group>
    );
  };

  const row = (r: TDataQualityRow | null) => {
    const source = r ?? data!.total;
    return (
      <Table.Tr key={r ? ownerParam(r) : 'all'} fw={r ? undefined : 700} bg={r ? undefined : 'var(--mantine-color-default-hover)'}>
        <Table.Td>
          <ListLink to={listPath} search={listSearch(r)!} data-testid={`dq-owner-${r ? ownerParam(r) : 'all'}`} size="sm" fw={r ? 500 : 700} c={r && r.ownerId === null ? 'dimmed' : undefined}>
            {r ? ownerLabel(r) : t('dataQuality.overall')}
          </ListLink>
        </Table.Td>
        <Table.Td ta="right">{source.records.toLocaleString()}</Table.Td>
        <Table.Td>{score(source.completeness)}</Table.Td>
        {checks.map((c) => [
          <Table.Td key={`${c.key}-m`} ta="center" style={{ borderLeft: '1px solid var(--mantine-color-default-border)' }}>{count(r, c, 'missing')}</Table.Td>,
          c.validates && <Table.Td key={`${c.key}-i`} ta="center">{count(r, c, 'invalid')}</Table.Td>,
        ])}
      </Table.Tr>
    );
  };

  return (
    <Stack gap="md" data-testid="data-quality-report">
      <PageHeader
        title={t('dataQuality.title')}
        description={t('dataQuality.description')}
        actions={<SegmentedControl data-testid="dq-object" value={object} onChange={(v) => setObject(v as CustomerObject)} data={[{ value: 'contact', label: t('dataQuality.contacts') }, { value: 'account', label: t('dataQuality.accounts') }]} />}
      />
      <QueryState query={report} />
      {data && data.total.records === 0 && <Text c="dimmed" ta="center" p="xl">{t('dataQuality.empty')}</Text>}
      {data && data.total.records > 0 && (
        <>
          <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed" truncate>{t('dataQuality.completeness')}</Text>
              <Text fz={{ base: 22, sm: 32 }} fw={700} data-testid="dq-overall">{data.total.completeness}%</Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">{t('dataQuality.scoreHint')}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed" truncate>{t('dataQuality.records')}</Text>
              <Text fz={{ base: 22, sm: 32 }} fw={700}>{data.total.records.toLocaleString()}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed" truncate>{t('dataQuality.owners')}</Text>
              <Text fz={{ base: 22, sm: 32 }} fw={700}>{owners.length.toLocaleString()}</Text>
            </Card>
          </SimpleGrid>
          <Card withBorder data-testid="dq-chart">
            <Text fw={600} mb="xs">{t('dataQuality.chartTitle')}</Text>
            <CompletenessChart bars={owners.map((o) => ({ label: ownerLabel(o), completeness: o.completeness ?? 0 }))} onPick={(i) => void navigate({ to: listPath, search: listSearch(owners[i])! })} />
          </Card>
          <Card withBorder padding={0}>
            <Table.ScrollContainer minWidth={420 + checks.reduce((w, c) => w + (c.validates ? 160 : 90), 0)}>
              <Table verticalSpacing="xs" highlightOnHover stickyHeader data-testid="dq-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th rowSpan={2}>{t('dataQuality.owner')}</Table.Th>
                    <Table.Th rowSpan={2} ta="right">{t('dataQuality.records')}</Table.Th>
                    <Table.Th rowSpan={2}>{t('dataQuality.completeness')}</Table.Th>
                    {checks.map((c) => <Table.Th key={c.key} colSpan={c.validates ? 2 : 1} style={{ borderLeft: '1px solid var(--mantine-color-default-border)' }}>{header(c)}</Table.Th>)}
                  </Table.Tr>
                  <Table.Tr>
                    {checks.map((c) => [
                      <Table.Th key={`${c.key}-m`} ta="center" fw={400} style={{ borderLeft: '1px solid var(--mantine-color-default-border)' }}><Text size="xs" c="dimmed">{t('dataQuality.missingShort')}</Text></Table.Th>,
                      c.validates && <Table.Th key={`${c.key}-i`} ta="center" fw={400}><Text size="xs" c="dimmed">{t('dataQuality.invalidShort')}</Text></Table.Th>,
                    ])}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {owners.map((o) => row(o))}
                  {row(null)}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </>
      )}
      <QualityRecordsDrawer cell={cell} onClose={() => setCell(null)} />
    </Stack>
  );
}
