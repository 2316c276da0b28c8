import type { TListMailMessagesResponse, TMailMessageResponse, TMailSettingsResponse, TSendTestMailResponse, TUpdateMailSettingsRequest } from '@voyage/contracts';
import { api } from './client';

export type MailSettings = TMailSettingsResponse;
export type MailMessage = TMailMessageResponse;

export const mailApi = {
  settings: () => api.get<MailSettings>('/mail/settings'),
  saveSettings: (body: TUpdateMailSettingsRequest) => api.put<MailSettings>('/mail/settings', body),
  sendTest: (to: string) => api.post<TSendTestMailResponse>('/mail/test', { to }),
  messages: (query: { status?: string; cursor?: string; limit?: number }) => api.get<TListMailMessagesResponse>('/mail/messages', { query }),
  message: (id: string) => api.get<MailMessage>(`/mail/messages/${id}`),
};
