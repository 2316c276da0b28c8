import type { z } from 'zod';
import type { TEmailTemplate, ZCreateEmailTemplateRequest, ZEmailMergeFieldsResponse, ZEmailTemplateListResponse, ZUpdateEmailTemplateRequest } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TEmailTemplate };
export type TMergeField = z.infer<typeof ZEmailMergeFieldsResponse>['data'][number];

export const EMAIL_TEMPLATES_KEY = ['email-templates'] as const;

export const emailTemplatesApi = {
  list: () => api.get<z.infer<typeof ZEmailTemplateListResponse>>('/email-templates'),
  create: (body: z.input<typeof ZCreateEmailTemplateRequest>) => api.post<TEmailTemplate>('/email-templates', body),
  update: (id: string, body: z.input<typeof ZUpdateEmailTemplateRequest>) => api.patch<TEmailTemplate>(`/email-templates/${id}`, body),
  remove: (id: string) => api.delete<void>(`/email-templates/${id}`),
  mergeFields: (object: string | null) => api.get<z.infer<typeof ZEmailMergeFieldsResponse>>('/email-templates/merge-fields', { query: { object: object ?? undefined } }),
};
