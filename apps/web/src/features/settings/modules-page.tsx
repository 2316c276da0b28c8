import { Alert, Badge, Card, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { modulesApi, type ModuleState } from '../../api/platform';
import { notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { localized } from '../../i18n';
import { MODULES_KEY } from '../shell/app-nav';

/** Why a module's switch cannot move right now, if it cannot. */
export function blockedReason(module: ModuleState, all: ModuleState[], t: (key: string, o?: Record<string, unknown>) => string): string | null {
  const label = (key: string) => localized(all.find((m) => m.key === key)?.labels, key);
  if (module.core) return t('modules.core');
  if (!module.enabled) {
    const missing = module.dependsOn.filter((d) => !all.find((m) => m.key === d)?.enabled);
    return missing.length ? t('modules.needs', { modules: missing.map(label).join(', ') }) : null;
  }
  const dependents = all.filter((m) => m.enabled && m.dependsOn.includes(module.key));
  return dependents.length ? t('modules.usedBy', { modules: dependents.map((m) => label(m.key)).join(', ') }) : null;
}

export function ModulesPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const modules = useQuery({ queryKey: [...MODULES_KEY, i18n.language], queryFn: modulesApi.list });
  const toggle = useMutation({
    mutationFn: ({ key, enabled }: { key: string; enabled: boolean }) => modulesApi.set(key, enabled),
    onSuccess: (m) => { notifySaved(m.enabled ? t('modules.enabled', { module: localized(m.labels, m.key) }) : t('modules.disabled', { module: localized(m.labels, m.key) })); void client.invalidateQueries({ queryKey: MODULES_KEY }); },
    onError: notifyError,
  });
  const all = modules.data?.data ?? [];
  return (
    <RequireCapability capability="settings.modules">
      <Stack>
        <PageHeader title={t('settings.modules')} description={t('modules.description')} />
        <QueryState query={modules} />
        {modules.isSuccess && all.length === 0 && <Alert color="gray">{t('modules.none')}</Alert>}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {all.map((m) => {
            const reason = blockedReason(m, all, t);
            return (
              <Card key={m.key} withBorder padding="md" data-module={m.key}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600}>{localized(m.labels, m.key)}</Text>
                      {m.core && <Badge size="xs" variant="light">{t('modules.coreBadge')}</Badge>}
                    </Group>
                    {m.descriptions && <Text size="sm" c="dimmed">{localized(m.descriptions)}</Text>}
                    {m.dependsOn.length > 0 && <Text size="xs" c="dimmed">{t('modules.dependsOn', { modules: m.dependsOn.map((d) => localized(all.find((x) => x.key === d)?.labels, d)).join(', ') })}</Text>}
                    {reason && <Text size="xs" c="orange">{reason}</Text>}
                  </Stack>
                  <Switch checked={m.enabled} disabled={Boolean(reason) || toggle.isPending} onChange={(e) => toggle.mutate({ key: m.key, enabled: e.currentTarget.checked })} aria-label={localized(m.labels, m.key)} size="md" />
                </Group>
              </Card>
            );
          })}
        </SimpleGrid>
      </Stack>
    </RequireCapability>
  );
}
