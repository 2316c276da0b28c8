import { z } from 'zod';
import { zListResponse } from './records';

/** SMTP settings of a workspace. The password is write-only: only whether one is set comes back. */
export const ZMailSettingsResponse = z.object({
  host: z.string().nullable().describe('SMTP host; null = the built-in mail catcher keeps every message'),
  port: z.number().int().nullable(),
  secure: z.boolean().describe('TLS from the start (port 465); otherwise STARTTLS when offered'),
  username: z.string().nullable(),
  passwordSet: z.boolean(),
  fromName: z.string(),
  fromEmail: z.string(),
  /** True when no SMTP host is set: mail is caught, not sent. */
  catcher: z.boolean(),
  version: z.number().int().describe('0 until the settings are first saved'),
});
export type TMailSettingsResponse = z.infer<typeof ZMailSettingsResponse>;

export const ZUpdateMailSettingsRequest = z.object({
  host: z.string().trim().max(255).nullable(),
  port: z.number().int().min(1).max(65535).nullable(),
  secure: z.boolean(),
  username: z.string().max(255).nullable(),
  /** Omit to keep the stored password; null clears it. */
  password: z.string().max(500).nullable().optional(),
  fromName: z.string().trim().min(1).max(100),
  fromEmail: z.email().max(254),
  version: z.number().int().min(0),
}).strict();
export type TUpdateMailSettingsRequest = z.infer<typeof ZUpdateMailSettingsRequest>;

export const ZSendTestMailRequest = z.object({ to: z.email().max(254) }).strict();
export type TSendTestMailRequest = z.infer<typeof ZSendTestMailRequest>;

export const ZSendTestMailResponse = z.object({ messageId: z.uuid() });
export type TSendTestMailResponse = z.infer<typeof ZSendTestMailResponse>;

export const MAIL_STATUSES = ['queued', 'sent', 'caught', 'failed'] as const;
export const ZMailStatus = z.enum(MAIL_STATUSES);

/** One row of the admin Outbox. */
export const ZMailMessageSummary = z.object({
  id: z.uuid(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  status: ZMailStatus,
  error: z.string().nullable(),
  attempts: z.number().int(),
  messageId: z.string().nullable().describe("The SMTP server's Message-ID once sent"),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TMailMessageSummary = z.infer<typeof ZMailMessageSummary>;

export const ZMailMessageResponse = ZMailMessageSummary.extend({ textBody: z.string(), htmlBody: z.string().nullable() });
export type TMailMessageResponse = z.infer<typeof ZMailMessageResponse>;

export const ZListMailMessagesQuery = z.object({
  status: ZMailStatus.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().max(10).optional(),
}).strict();
export type TListMailMessagesQuery = z.infer<typeof ZListMailMessagesQuery>;

export const ZListMailMessagesResponse = zListResponse(ZMailMessageSummary);
export type TListMailMessagesResponse = z.infer<typeof ZListMailMessagesResponse>;

export const ZMailMessageParams = z.object({ id: z.uuid() }).strict();
