import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBraces } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyApiError, notifySaved } from '../../../components/api-errors';
import { EMAIL_TEMPLATES_KEY, emailTemplatesApi, type TEmailTemplate } from './email-templates-api';

interface Props {
  /** The template to edit, `new` for a new one. */
  template: TEmailTemplate | 'new';
  objects: Array<{ key: string; label: string }>;
  onClose(): void;
}

interface Values { name: string; object: string | null; subject: string; body: string }
type Target = 'subject' | 'body';

/**
 * Create or edit an email template. Merge fields of the chosen record kind are picked from a
 * list and inserted where the cursor was (subject or body); the server refuses unknown ones.
 */
export function EmailTemplateModal({ template, objects, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const isNew = template === 'new';
  const form = useForm<Values>({ initialValues: isNew ? { name: '', object: null, subject: '', body: '' } : { name: template.name, object: template.object, subject: template.subject, body: template.body } });
  const [problem, setProblem] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const target = useRef<{ name: Target; start: number; end: number }>({ name: 'body', start: -1, end: -1 });
  const mergeFields = useQuery({ queryKey: ['email-merge-fields', form.values.object], queryFn: () => emailTemplatesApi.mergeFields(form.values.object) });
  useEffect(() => setField(null), [form.values.object]);

  const remember = (name: Target) => (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    target.current = { name, start: event.currentTarget.selectionStart ?? -1, end: event.currentTarget.selectionEnd ?? -1 };
  };
  const insert = () => {
    if (!field) return;
    const { name, start, end } = target.current;
    const text = form.values[name];
    const token = `{{${field}}}`;
    const at = start < 0 ? text.length : start;
    form.setFieldValue(name, `${text.slice(0, at)}${token}${text.slice(end < 0 ? text.length : end)}`);
    target.current = { name, start: at + token.length, end: at + token.length };
  };

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name.trim(), object: v.object, subject: v.subject, body: v.body };
      return isNew ? emailTemplatesApi.create(body) : emailTemplatesApi.update(template.id, { ...body, version: template.version });
    },
    onSuccess: async () => {
      notifySaved(t('emailTemplates.saved'));
      await client.invalidateQueries({ queryKey: EMAIL_TEMPLATES_KEY });
      onClose();
    },
    onError: (e) => setProblem(applyApiError(form, e, ['name', 'object', 'subject', 'body'])),
  });

  return (
    <Modal opened onClose={onClose} title={isNew ? t('emailTemplates.new') : t('emailTemplates.edit')} size="xl">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {problem && <Alert color="red">{problem}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t('emailTemplates.name')} required data-testid="template-name" {...form.getInputProps('name')} />
            <Select label={t('emailTemplates.object')} description={t('emailTemplates.objectHelp')} clearable placeholder={t('emailTemplates.anyRecord')}
              data={objects.map((o) => ({ value: o.key, label: o.label }))} {...form.getInputProps('object')} />
          </Group>
          <TextInput label={t('emailTemplates.subject')} required data-testid="template-subject" {...form.getInputProps('subject')}
            onSelect={remember('subject')} onKeyUp={remember('subject')} onClick={remember('subject')} />
          <Textarea label={t('emailTemplates.body')} description={t('emailTemplates.bodyHelp')} required autosize minRows={8} maxRows={20} data-testid="template-body"
            styles={{ input: { fontFamily: 'monospace' } }} {...form.getInputProps('body')} onSelect={remember('body')} onKeyUp={remember('body')} onClick={remember('body')} />
          <Group align="flex-end">
            <Select style={{ flex: 1 }} label={t('emailTemplates.mergeField')} searchable placeholder={t('emailTemplates.pickField')} value={field} onChange={setField}
              data={(mergeFields.data?.data ?? []).map((f) => ({ value: f.path, label: `${f.label}  {{${f.path}}}` }))} data-testid="merge-field" />
            <Button variant="light" leftSection={<IconBraces size={16} />} disabled={!field} onClick={insert} data-testid="insert-merge-field">{t('emailTemplates.insert')}</Button>
          </Group>
          <Text size="xs" c="dimmed">{t('emailTemplates.trackingNote')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('emailTemplates.cancel')}</Button>
            <Button type="submit" loading={save.isPending} data-testid="save-template">{t('emailTemplates.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
