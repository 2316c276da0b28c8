import { useEffect, useState } from 'react';
import { Button, Grid, Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customFieldsApi } from '../../../api/platform';
import { useSession } from '../../../app/session';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { localized } from '../../../i18n';
import type { CustomerObject } from '../record-config';
import { RuleGroupEditor } from './rule-group-editor';
import { ruleFields } from './rule-fields';
import { SegmentPreview } from './segment-preview';
import { segmentsApi, type TRuleGroup, type TSegment } from './segments-api';
import { StaticMembers } from './static-members';

const EMPTY: TRuleGroup = { op: 'and', rules: [] };

/** Create or edit a segment: rules with a live count for dynamic ones, members for static lists. */
export function SegmentEditorPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { object?: string; kind?: string };
  const isNew = id === 'new';
  const existing = useQuery({ queryKey: ['segment', id], queryFn: () => segmentsApi.get(id), enabled: !isNew });
  if (!isNew && !existing.data) return <QueryState query={existing} />;
  const initial: Omit<TSegment, 'id' | 'version' | 'createdAt' | 'updatedAt'> & { id?: string; version?: number } = existing.data ?? {
    name: '', description: null, object: search.object === 'account' ? 'account' : 'contact', kind: search.kind === 'static' ? 'static' : 'dynamic', rules: EMPTY, shared: false, ownerId: null,
  };
  return <SegmentForm key={existing.data ? `${existing.data.id}:${existing.data.version}` : 'new'} initial={initial} />;
}

function SegmentForm({ initial }: { initial: Omit<TSegment, 'id' | 'version' | 'createdAt' | 'updatedAt'> & { id?: string; version?: number } }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState(initial.name);
  const [object, setObject] = useState<CustomerObject>(initial.object);
  const [kind, setKind] = useState(initial.kind);
  const [shared, setShared] = useState(initial.shared);
  const [rules, setRules] = useState<TRuleGroup>(initial.rules ?? EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const custom = useQuery({ queryKey: ['custom-fields', object], queryFn: () => customFieldsApi.list(object) });
  const fields = ruleFields(object, custom.data?.data ?? [], (f) => localized(f.labels, f.label));
  const isNew = !initial.id;
  const canEdit = isNew || Boolean(session.role?.isAdmin) || initial.ownerId === session.user?.id;
  // A new segment on the other object starts from empty rules: the fields differ.
  useEffect(() => { if (isNew) setRules(EMPTY); }, [object, isNew]);

  async function save() {
    setSaving(true);
    try {
      const saved = isNew
        ? await segmentsApi.create({ name, object, kind, shared, rules: kind === 'dynamic' ? rules : undefined })
        : await segmentsApi.update(initial.id!, { version: initial.version!, name, shared, rules: kind === 'dynamic' ? rules : undefined });
      notifySaved();
      void client.invalidateQueries({ queryKey: ['segments'] });
      client.setQueryData(['segment', saved.id], saved);
      if (isNew) void navigate({ to: '/segments/$id', params: { id: saved.id } });
    } catch (e) {
      const fe = (e as { fieldErrors?: Record<string, string> }).fieldErrors;
      if (fe) setErrors(fe);
      notifyError(e);
    } finally {
      setSaving(false);
    }
  }
  const remove = () => modals.openConfirmModal({
    title: t('segments.deleteTitle'),
    children: <Text size="sm">{t('segments.deleteConfirm', { name: initial.name })}</Text>,
    labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      try {
        await segmentsApi.remove(initial.id!);
        void client.invalidateQueries({ queryKey: ['segments'] });
        void navigate({ to: '/segments' });
      } catch (e) {
        notifyError(e);
      }
    },
  });

  return (
    <Stack>
      <Button variant="subtle" size="compact-sm" w="fit-content" leftSection={<IconArrowLeft size={14} />} onClick={() => void navigate({ to: '/segments' })}>{t('segments.title')}</Button>
      <PageHeader title={isNew ? t('segments.new') : initial.name} actions={canEdit && (
        <>
          {!isNew && <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={remove}>{t('common.delete')}</Button>}
          <Button onClick={() => void save()} loading={saving} disabled={!name.trim()}>{t('common.save')}</Button>
        </>
      )} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: kind === 'dynamic' ? 7 : 6 }}>
          <Stack gap="sm">
            <TextInput label={t('segments.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} error={errors.name} disabled={!canEdit} />
            <Group gap="md" wrap="wrap">
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t('segments.object')}</Text>
                <SegmentedControl value={object} onChange={(v) => setObject(v as CustomerObject)} disabled={!isNew}
                  data={[{ value: 'contact', label: t('customers.contacts') }, { value: 'account', label: t('customers.accounts') }]} />
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t('segments.kind')}</Text>
                <SegmentedControl value={kind} onChange={(v) => setKind(v as TSegment['kind'])} disabled={!isNew}
                  data={[{ value: 'dynamic', label: t('segments.kinds.dynamic') }, { value: 'static', label: t('segments.kinds.static') }]} />
              </Stack>
            </Group>
            <Switch label={t('segments.shared')} description={t('segments.sharedHelp')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} disabled={!canEdit} />
            {kind === 'dynamic' && fields.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t('segments.rules')}</Text>
                <RuleGroupEditor object={object} group={rules} fields={fields} onChange={setRules} errors={errors} />
              </Stack>
            )}
            {kind === 'static' && isNew && <Text size="sm" c="dimmed">{t('segments.staticHelp')}</Text>}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: kind === 'dynamic' ? 5 : 6 }}>
          {kind === 'dynamic' && <SegmentPreview object={object} rules={rules} onErrors={setErrors} />}
          {kind === 'static' && !isNew && <StaticMembers segment={{ ...initial, id: initial.id!, version: initial.version!, createdAt: '', updatedAt: '' }} canEdit={canEdit} />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
